package dev.assay.server;

import dev.assay.shared.UnavailableException;
import dev.assay.store.Store;
import io.javalin.http.Context;
import java.util.function.BooleanSupplier;

/**
 * Liveness and readiness for load balancers and orchestrators. {@code /healthz} says the process serves
 * HTTP and touches nothing else; {@code /readyz} says this replica should get traffic: migrations are done
 * (the server only listens after them), the database answers and the server is not stopping.
 */
final class HealthController {
  /** Body of {@code /healthz}. */
  record Health(String status) {}

  /** Body of {@code /readyz}: {@code database} is the dialect name, e.g. {@code duckdb}. */
  record Readiness(String status, String database) {}

  private static final Health OK = new Health("ok");

  private final Store store;
  private final BooleanSupplier stopping;

  HealthController(Store store, BooleanSupplier stopping) {
    if (store == null || stopping == null) {
      throw new NullPointerException("store and stopping are required");
    }
    this.store = store;
    this.stopping = stopping;
  }

  void health(Context ctx) {
    ctx.json(OK);
  }

  void ready(Context ctx) {
    if (stopping.getAsBoolean()) {
      throw new UnavailableException("the server is stopping");
    }
    store.check();
    ctx.json(new Readiness("ready", store.dialect().name()));
  }
}
