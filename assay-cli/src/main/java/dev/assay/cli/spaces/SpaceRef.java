package dev.assay.cli.spaces;

import dev.assay.cli.client.ApiClient;
import java.util.Map;

/** A space named on the command line by name or id, turned into its id (the server looks up either). */
public final class SpaceRef {
  private SpaceRef() {}

  /** The id of space {@code ref}; exit 3 when there is none the caller can see. */
  public static String id(ApiClient api, String ref) {
    return api.get("/v2/spaces/" + ApiClient.segment(ref), Map.of()).path("id").asText();
  }
}
