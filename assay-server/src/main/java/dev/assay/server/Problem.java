package dev.assay.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem document, the body of every error response ({@code application/problem+json}).
 *
 * @param type a URI naming the kind of problem; {@code about:blank} when the status says it all
 * @param title short summary of the kind of problem
 * @param status the HTTP status code
 * @param detail what went wrong with this request, for a person
 * @param instance the request path
 * @param errorId extension: the id under which an unexpected error was logged (500 only)
 * @param errors extension: per-field validation messages
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
    String type, String title, int status, String detail, String instance, String errorId,
    Map<String, List<String>> errors) {

  public static final String CONTENT_TYPE = "application/problem+json";
  public static final String ABOUT_BLANK = "about:blank";

  public Problem(String type, String title, int status, String detail, String instance) {
    this(type, title, status, detail, instance, null, null);
  }
}
