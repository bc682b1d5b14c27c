package dev.assay.server;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.assay.llm.ProviderException;
import dev.assay.shared.AssayException;
import dev.assay.shared.ConflictException;
import dev.assay.shared.Ids;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.ForbiddenException;
import dev.assay.shared.NotFoundException;
import dev.assay.shared.UnauthenticatedException;
import dev.assay.shared.OverloadedException;
import dev.assay.shared.UnavailableException;
import dev.assay.shared.UnprocessableException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.router.EndpointNotFound;
import io.javalin.router.exception.HttpResponseExceptionMapper;
import io.javalin.validation.ValidationError;
import io.javalin.validation.ValidationException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one mapping from failures to RFC 9457 problem JSON. Core exceptions, Javalin's own errors (unknown
 * route, wrong method, body too large, validation) and malformed JSON each get their status and a detail
 * for the caller; anything else is a 500 whose detail is generic and whose cause is logged under an id
 * that the problem carries as {@code error_id}.
 */
final class Problems {
  private static final Logger log = LoggerFactory.getLogger(Problems.class);

  private final ObjectMapper json;
  private final long maxRequestBytes;

  Problems(ObjectMapper json, long maxRequestBytes) {
    if (json == null) {
      throw new NullPointerException("json is required");
    }
    this.json = json;
    this.maxRequestBytes = maxRequestBytes;
  }

  /** Registers every exception and error handler; called once while configuring the app. */
  void register(RoutesConfig routes) {
    routes.exception(AssayException.class, this::assayException);
    routes.exception(HttpResponseException.class, this::httpException);
    routes.exception(ValidationException.class, this::validationException);
    routes.exception(StreamReadException.class, (e, ctx) -> badJson(ctx, "malformed JSON", e));
    routes.exception(MismatchedInputException.class, (e, ctx) -> badJson(ctx, "invalid JSON body", e));
    routes.exception(ValueInstantiationException.class, this::valueInstantiation);
    routes.exception(ProviderException.class, this::providerException);
    routes.exception(Exception.class, this::unexpected);
    // A handler that only sets an error status still answers with a problem document.
    for (HttpStatus status : HttpStatus.values()) {
      if (status.getCode() >= 400) {
        routes.error(status.getCode(), "*", this::bareStatus);
      }
    }
  }

  private void assayException(AssayException e, Context ctx) {
    int status = switch (e) {
      case NotFoundException n -> 404;
      case ForbiddenException f -> 403;
      case UnauthenticatedException u -> {
        ctx.header(Header.WWW_AUTHENTICATE, "Bearer");
        yield 401;
      }
      case ConflictException c -> 409;
      case UnprocessableException u -> 422;
      case InvalidInputException i -> 400;
      case OverloadedException o -> {
        ctx.header(Header.RETRY_AFTER, String.valueOf(retryAfterSeconds(o.retryAfter())));
        yield 429;
      }
      case UnavailableException u -> {
        log.debug("{} {}: {}", ctx.method(), ctx.path(), u.getMessage());
        yield 503;
      }
    };
    String type = "urn:assay:problem:" + e.title().toLowerCase(Locale.ROOT).replace(' ', '-');
    write(ctx, new Problem(type, e.title(), status, e.getMessage(), ctx.path()));
  }

  /**
   * A model provider refused or failed a call made for the caller (an AI integration test): 502, with the
   * provider's status and reason. ProviderException messages never hold the API key.
   */
  private void providerException(ProviderException e, Context ctx) {
    String detail = "the model provider call failed (" + e.kind() + (e.status() > 0 ? ", HTTP " + e.status() : "") + "): "
        + e.getMessage();
    write(ctx, new Problem("urn:assay:problem:provider-error", "Bad Gateway", 502, detail, ctx.path()));
  }

  /** Whole seconds, rounded up, at least 1: a client that retries sooner would only be refused again. */
  static long retryAfterSeconds(Duration retryAfter) {
    if (retryAfter == null || retryAfter.isNegative() || retryAfter.isZero()) {
      return 1;
    }
    long seconds = retryAfter.getSeconds() + (retryAfter.getNano() > 0 ? 1 : 0);
    return Math.max(1, seconds);
  }

  private void httpException(HttpResponseException e, Context ctx) {
    if (e.getStatus() < 400) {
      HttpResponseExceptionMapper.INSTANCE.handle(e, ctx); // redirects keep Javalin's behaviour
      return;
    }
    String detail = switch (e.getStatus()) {
      case 404 -> e instanceof EndpointNotFound ? "no route for " + ctx.method() + " " + ctx.path() : e.getMessage();
      case 405 -> methodNotAllowed(e, ctx);
      case 413 -> "the request body is larger than the limit of " + maxRequestBytes + " bytes";
      default -> e.getMessage();
    };
    write(ctx, generic(e.getStatus(), detail, ctx));
  }

  private static String methodNotAllowed(HttpResponseException e, Context ctx) {
    String allowed = e.getDetails().getOrDefault("availableMethods", e.getDetails().get("Available methods"));
    if (allowed == null) {
      return ctx.method() + " is not allowed on " + ctx.path();
    }
    ctx.header(Header.ALLOW, allowed);
    return ctx.method() + " is not allowed on " + ctx.path() + "; allowed: " + allowed;
  }

  private void validationException(ValidationException e, Context ctx) {
    Map<String, List<String>> errors = new LinkedHashMap<>();
    e.getErrors().forEach((field, list) -> errors.put(field, list.stream().map(ValidationError::getMessage).toList()));
    String detail = "invalid " + String.join(", ", errors.keySet());
    write(ctx, new Problem(Problem.ABOUT_BLANK, "Bad Request", 400, detail, ctx.path(), null, errors));
  }

  private void valueInstantiation(ValueInstantiationException e, Context ctx) {
    if (e.getCause() instanceof InvalidInputException invalid) {
      assayException(invalid, ctx);
    } else {
      badJson(ctx, "invalid JSON body", e);
    }
  }

  private void badJson(Context ctx, String what, JacksonException e) {
    String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().lines().findFirst().orElse("");
    // Jackson names target types by their Java class; callers need only the simple name.
    message = message.replaceAll("`(?:[\\w$]+\\.)+([\\w$]+)`", "`$1`");
    JsonLocation at = e.getLocation();
    String where = at == null || at.getLineNr() < 1 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    write(ctx, generic(400, what + ": " + message + where, ctx));
  }

  private void unexpected(Exception e, Context ctx) {
    String errorId = Ids.newId();
    log.error("unexpected error {} on {} {}", errorId, ctx.method(), ctx.path(), e);
    write(ctx, new Problem(Problem.ABOUT_BLANK, "Internal Server Error", 500,
        "an unexpected error occurred; it was logged with error_id " + errorId, ctx.path(), errorId, null));
  }

  private void bareStatus(Context ctx) {
    if (ctx.resultInputStream() == null) {
      write(ctx, generic(ctx.statusCode(), null, ctx));
    }
  }

  private static Problem generic(int status, String detail, Context ctx) {
    HttpStatus known = HttpStatus.forStatus(status);
    String title = known == HttpStatus.UNKNOWN ? "HTTP " + status : known.getMessage();
    return new Problem(Problem.ABOUT_BLANK, title, status, detail, ctx.path());
  }

  private void write(Context ctx, Problem problem) {
    String body;
    try {
      body = json.writeValueAsString(problem);
    } catch (JacksonException e) {
      throw new IllegalStateException("cannot serialise a problem document", e);
    }
    ctx.status(problem.status()).contentType(Problem.CONTENT_TYPE).result(body);
  }
}
