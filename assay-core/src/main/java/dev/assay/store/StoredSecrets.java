package dev.assay.store;

import dev.assay.secrets.SealedJsonHeaders;
import dev.assay.secrets.SealedValues;
import dev.assay.secrets.SecretBox;
import dev.assay.secrets.SecretResealer;
import java.util.List;

/**
 * The sealed columns of the features in this store, as {@link SecretResealer}s for the start-up rotation pass:
 * model config and webhook credentials (sealed bytes), HTTP evaluator header values inside evaluator version specs and
 * experiment HTTP task header values inside experiments' task JSON (sealed strings, plaintext ones sealed).
 */
public final class StoredSecrets {
  private StoredSecrets() {}

  public static List<SecretResealer> resealers(Store store) {
    return List.of(
        resealer("model config credentials", box -> store.sealedColumns().rewriteBytes("model_configs", "secrets",
            box::resealed)),
        resealer("HTTP evaluator header values", box -> store.sealedColumns().rewriteJson("evaluator_versions", "spec",
            json -> SealedJsonHeaders.reseal(json, new SealedValues(box)))),
        resealer("experiment HTTP task header values", box -> store.sealedColumns().rewriteJson("experiments", "task",
            json -> SealedJsonHeaders.reseal(json, new SealedValues(box)))),
        resealer("webhook credentials", box -> store.sealedColumns().rewriteBytes("webhooks", "secrets",
            box::resealed)));
  }

  private interface Pass {
    int run(SecretBox box);
  }

  private static SecretResealer resealer(String name, Pass pass) {
    return new SecretResealer() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public int reseal(SecretBox box) {
        return pass.run(box);
      }
    };
  }
}
