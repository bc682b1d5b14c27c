package dev.assay.server.otlp;

import dev.assay.shared.InvalidInputException;
import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.HttpResponseException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Inflates {@code Content-Encoding: gzip} and {@code deflate} bodies (Javalin does not), never beyond
 * a bound: a small compressed body may expand enormously, so the inflated size is held to the same
 * limit as a plain body.
 */
final class ContentEncodings {
  private ContentEncodings() {}

  /**
   * The body with its content coding removed.
   *
   * @throws ContentTooLargeResponse (413) when the inflated body exceeds {@code maxBytes}
   * @throws InvalidInputException (400) when the body is not valid for its coding
   * @throws HttpResponseException (415) for a coding other than gzip, deflate or identity
   */
  static byte[] decode(byte[] body, String contentEncoding, long maxBytes) {
    String coding = contentEncoding == null ? "identity" : contentEncoding.strip().toLowerCase(Locale.ROOT);
    return switch (coding) {
      case "", "identity" -> body;
      case "gzip", "x-gzip" -> inflate(body, maxBytes, "gzip", true);
      // HTTP's "deflate" is zlib-wrapped, but some clients send raw deflate; try both.
      case "deflate" -> isZlib(body) ? inflate(body, maxBytes, "deflate", false) : inflateRaw(body, maxBytes);
      default -> throw new HttpResponseException(415, "unsupported Content-Encoding '" + contentEncoding + "'; use gzip, deflate or none");
    };
  }

  private static byte[] inflate(byte[] body, long maxBytes, String coding, boolean gzip) {
    try (InputStream in = gzip ? new GZIPInputStream(new ByteArrayInputStream(body)) : new InflaterInputStream(new ByteArrayInputStream(body))) {
      return readBounded(in, maxBytes);
    } catch (IOException e) {
      throw new InvalidInputException("invalid " + coding + " body: " + e.getMessage());
    }
  }

  private static byte[] inflateRaw(byte[] body, long maxBytes) {
    Inflater inflater = new Inflater(true);
    try (InputStream in = new InflaterInputStream(new ByteArrayInputStream(body), inflater)) {
      return readBounded(in, maxBytes);
    } catch (IOException e) {
      throw new InvalidInputException("invalid deflate body: " + e.getMessage());
    } finally {
      inflater.end();
    }
  }

  /** A zlib header: compression method 8 and a header checksum divisible by 31 (RFC 1950). */
  private static boolean isZlib(byte[] body) {
    return body.length >= 2 && (body[0] & 0x0f) == 8 && (((body[0] & 0xff) << 8) | (body[1] & 0xff)) % 31 == 0;
  }

  private static byte[] readBounded(InputStream in, long maxBytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[16 * 1024];
    long total = 0;
    int n;
    while ((n = in.read(buffer)) > 0) {
      total += n;
      if (total > maxBytes) {
        throw new ContentTooLargeResponse();
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }
}
