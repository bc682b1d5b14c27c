package dev.assay.server.v2;

import static dev.assay.server.v2.V2Requests.query;
import static dev.assay.server.v2.V2Requests.scope;
import static io.javalin.apibuilder.ApiBuilder.delete;
import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.patch;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;

import dev.assay.server.auth.Access;
import dev.assay.server.auth.Audited;
import dev.assay.shared.Page;
import dev.assay.webhooks.Webhook;
import dev.assay.webhooks.WebhookDelivery;
import dev.assay.webhooks.WebhookService;
import io.javalin.http.Context;

/**
 * {@code /v2/webhooks}: notification channels, their test delivery and their delivery log (an Assay extension
 * shaped after the AX CLI's {@code webhooks} command). Reading needs VIEWER in the webhook's space, changing and
 * testing it ADMIN; every change and test is audited. The {@code webhook_id} path parameter takes an id or a name
 * (in {@code space_id}/{@code space_name}, else the default space).
 */
public final class WebhookController {
  private final WebhookService webhooks;

  public WebhookController(WebhookService webhooks) {
    if (webhooks == null) {
      throw new NullPointerException("webhooks is required");
    }
    this.webhooks = webhooks;
  }

  /** Adds this controller's routes (ApiBuilder, inside {@code path("/v2")}). */
  public void routes() {
    path("/webhooks", () -> {
      get(this::listWebhooks, Access.VIEWER);
      post(this::createWebhook, Access.ADMIN, Audited.YES);
      path("/{webhook_id}", () -> {
        get(this::getWebhook, Access.VIEWER);
        patch(this::updateWebhook, Access.ADMIN, Audited.YES);
        delete(this::deleteWebhook, Access.ADMIN, Audited.YES);
        post("/test", this::testWebhook, Access.ADMIN, Audited.YES);
        get("/deliveries", this::listDeliveries, Access.VIEWER);
      });
    });
  }

  /** {@code GET /v2/webhooks?space_id=&space_name=&name=&limit=&cursor=}, by name. */
  void listWebhooks(Context ctx) {
    Page<Webhook> page = webhooks.list(scope(ctx), spaceRef(ctx), query(ctx, "name"), V2Requests.page(ctx));
    ctx.json(new WebhookJson.WebhookList(page.items().stream().map(WebhookJson::of).toList(), Pagination.of(page)));
  }

  /** {@code POST /v2/webhooks}: 201 with the webhook; a URL the server may not call is a 422. */
  void createWebhook(Context ctx) {
    ctx.status(201).json(WebhookJson.of(webhooks.create(scope(ctx), WebhookJson.create(TaskController.body(ctx)))));
  }

  void getWebhook(Context ctx) {
    ctx.json(WebhookJson.of(webhooks.get(scope(ctx), ref(ctx), spaceRef(ctx))));
  }

  void updateWebhook(Context ctx) {
    ctx.json(WebhookJson.of(webhooks.update(scope(ctx), ref(ctx), spaceRef(ctx),
        WebhookJson.update(TaskController.body(ctx)))));
  }

  void deleteWebhook(Context ctx) {
    webhooks.delete(scope(ctx), ref(ctx), spaceRef(ctx));
    ctx.status(204);
  }

  /**
   * {@code POST /v2/webhooks/{webhook_id}/test}: sends a {@code webhook.test} event now, through the retries, and
   * answers 200 with the logged delivery, also when it FAILED (the delivery's {@code error} says why).
   */
  void testWebhook(Context ctx) {
    WebhookDelivery delivery = webhooks.test(scope(ctx), ref(ctx), spaceRef(ctx));
    ctx.json(WebhookJson.of(delivery));
  }

  /** {@code GET /v2/webhooks/{webhook_id}/deliveries?limit=&cursor=}, newest first. */
  void listDeliveries(Context ctx) {
    Page<WebhookDelivery> page = webhooks.deliveries(scope(ctx), ref(ctx), spaceRef(ctx), V2Requests.page(ctx));
    ctx.json(new WebhookJson.DeliveryList(page.items().stream().map(WebhookJson::of).toList(), Pagination.of(page)));
  }

  private static String ref(Context ctx) {
    return ApiIds.decode(WebhookJson.TYPE, ctx.pathParam("webhook_id"));
  }

  private static String spaceRef(Context ctx) {
    String spaceId = ApiIds.decode(SpaceController.TYPE, query(ctx, "space_id"));
    return spaceId != null ? spaceId : query(ctx, "space_name");
  }
}
