package dev.assay.testing;

import dev.assay.config.AssayConfig;
import dev.assay.eval.EvalEnvironment;
import dev.assay.eval.EvaluationException;
import dev.assay.eval.ModelRef;
import dev.assay.llm.ChatModel;
import dev.assay.llm.Embedder;
import dev.assay.outbound.OutboundPolicy;
import dev.assay.secrets.SealedValues;
import dev.assay.secrets.SecretBox;
import java.util.List;

/**
 * The outbound policy of tests: the fake model server and the tests' own HTTP endpoints listen on 127.0.0.1, so
 * tests allow-list exactly that (and {@code localhost}), as an operator would with {@code ASSAY_ALLOWED_HOSTS};
 * everything else (169.254.169.254, 10.x …) stays refused.
 */
public final class TestOutbound {
  public static final List<String> ALLOWED = List.of("127.0.0.1", "localhost");
  public static final OutboundPolicy LOCAL = OutboundPolicy.of(ALLOWED);
  /** The all-zero key the fixtures' secret boxes use. */
  public static final SealedValues SEALED = new SealedValues(SecretBox.of(new byte[32], null));

  private TestOutbound() {}

  /** {@code config} with {@link #ALLOWED} added to its allowed hosts: a test server that may call the fake. */
  public static AssayConfig allowLocal(AssayConfig config) {
    List<String> hosts = new java.util.ArrayList<>(config.security().allowedHosts());
    ALLOWED.stream().filter(h -> !hosts.contains(h)).forEach(hosts::add);
    return config.withSecurity(config.security().withAllowedHosts(hosts));
  }

  /** An environment for running HTTP evaluators directly (no judges, no embedders). */
  public static EvalEnvironment environment() {
    return new EvalEnvironment() {
      @Override
      public ChatModel chatModel(ModelRef ref) throws EvaluationException {
        throw new EvaluationException("no chat models in this test");
      }

      @Override
      public Embedder embedder(ModelRef ref) throws EvaluationException {
        throw new EvaluationException("no embedders in this test");
      }

      @Override
      public OutboundPolicy outbound() {
        return LOCAL;
      }

      @Override
      public SealedValues sealedValues() {
        return SEALED;
      }
    };
  }
}
