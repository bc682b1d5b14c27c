package dev.assay.server.v2;

import dev.assay.auth.AccessScope;
import dev.assay.server.auth.RequestAuth;
import dev.assay.shared.PageRequest;
import io.javalin.http.Context;

/** What every /v2 handler reads from a request besides its own parameters: the caller's scope and paging. */
final class V2Requests {
  /** AX's {@code LimitQueryParamMax100}: 1 to 100, 50 when omitted. */
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 100;

  private V2Requests() {}

  /**
   * The caller's scope: the spaces where it holds the route's role (every space in local mode and for an account
   * admin). Rows outside it are invisible to the store queries, so they answer 404 rather than 403.
   */
  static AccessScope scope(Context ctx) {
    return RequestAuth.scope(ctx);
  }

  /** The {@code cursor} and {@code limit} query parameters; a bad limit is a 400 naming {@code limit}. */
  static PageRequest page(Context ctx) {
    int limit = ctx.queryParamAsClass("limit", Integer.class)
        .check(l -> l == null || (l >= 1 && l <= MAX_LIMIT), "limit must be between 1 and " + MAX_LIMIT)
        .getOrDefault(DEFAULT_LIMIT);
    return new PageRequest(ctx.queryParam("cursor"), limit);
  }

  /** A query parameter, with an empty value meaning absent. */
  static String query(Context ctx, String name) {
    String value = ctx.queryParam(name);
    return value == null || value.isBlank() ? null : value;
  }
}
