package dev.assay.server;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's error page for failures that never reach Javalin (a malformed request line, headers too large,
 * an ambiguous URI): the same problem JSON as every other error instead of Jetty's HTML.
 */
final class ProblemErrorHandler extends ErrorHandler {
  private final ObjectMapper json;

  ProblemErrorHandler(ObjectMapper json) {
    this.json = json;
  }

  @Override
  protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
      Callback callback) {
    String title = HttpStatus.getMessage(code);
    // Jetty falls back to the cause's toString() as message: internal for a 5xx, so only 4xx reasons are shown.
    String detail = code >= 500 || message == null || message.equals(title) ? null : message;
    Problem problem = new Problem(Problem.ABOUT_BLANK, title, code, detail, request.getHttpURI().getPath());
    byte[] body;
    try {
      body = json.writeValueAsBytes(problem);
    } catch (JacksonException e) {
      callback.failed(e);
      return;
    }
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
    response.write(true, ByteBuffer.wrap(body), callback);
  }
}
