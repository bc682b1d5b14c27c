package dev.assay.server.v2;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /v2/openapi.json}: the maintained OpenAPI 3.1 document of the native API, a resource checked
 * into the repository. {@code OpenApiDocumentTest} keeps it and the route table in step.
 */
public final class OpenApiController {
  /** Classpath location of the document. */
  public static final String RESOURCE = "/openapi/assay-v2.json";

  private final byte[] document;

  /** Reads the document once; a build without it fails at start-up rather than on the first request. */
  public OpenApiController() {
    try (InputStream in = OpenApiController.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      this.document = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  public void document(Context ctx) {
    ctx.contentType("application/json").result(document);
  }
}
