package dev.assay.testing;

import dev.assay.eval.CodeSpec;
import dev.assay.eval.EvalEnvironment;
import dev.assay.eval.EvalOutcome;
import dev.assay.eval.EvaluationException;
import dev.assay.eval.EvaluatorSpec;
import dev.assay.eval.JudgeSpec;
import dev.assay.eval.ModelRef;
import dev.assay.eval.RunnableEvaluator;
import dev.assay.eval.Subject;
import dev.assay.eval.TemplateMessage;
import dev.assay.llm.ChatRequest;
import dev.assay.llm.ChatResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal judge for executor tests and benchmarks (the real one is {@code JudgeEvaluator}): asks the model about
 * the subject's input with {@code subject-key: <target id>} (for {@link FakeModelServer}'s arrival log) and the
 * rails after the fake's marker, then takes the reply text as the label. A reply that is no rail → an evaluation
 * error keeping the raw text.
 */
public final class FakeJudge implements RunnableEvaluator {
  private final JudgeSpec spec;
  private final EvalEnvironment env;
  private final int padding;

  /** @param padding extra prompt characters (to shape token usage in benchmarks) */
  public FakeJudge(String name, ModelRef model, EvalEnvironment env, int padding) {
    this.spec = new JudgeSpec(name, null, null, null, List.of(new TemplateMessage("user", "{input}")),
        Map.of("correct", 1.0, "incorrect", 0.0), null, false, false, false, model);
    this.env = env;
    this.padding = padding;
  }

  public FakeJudge(ModelRef model, EvalEnvironment env) {
    this("correctness", model, env, 0);
  }

  @Override
  public EvaluatorSpec spec() {
    return spec;
  }

  @Override
  public EvalOutcome evaluate(Subject subject) throws EvaluationException {
    String prompt = "subject-key: " + subject.targetId() + "\nQuestion: " + subject.input() + "\n"
        + ".".repeat(padding) + "\nAnswer with exactly one of these labels and nothing else: correct, incorrect";
    ChatResponse response = env.chatModel(spec.model()).chat(new ChatRequest(spec.model().modelName(),
        List.of(new ChatRequest.Message("user", prompt)), Map.of("temperature", 0, "max_tokens", 16), null, null));
    String label = response.text() == null ? "" : response.text().strip();
    if (!spec.rails().containsKey(label)) {
      throw new EvaluationException("the judge's answer contains no label (expected one of correct, incorrect)",
          response.raw() != null ? response.raw() : response.text());
    }
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("judge_model", spec.model().modelName());
    metadata.put("prompt_tokens", response.inputTokens());
    metadata.put("completion_tokens", response.outputTokens());
    metadata.put("attempts", response.attempts());
    metadata.put("cached", response.cached());
    return new EvalOutcome(label, spec.rails().get(label), null, label.equals("correct"), metadata);
  }

  /** A trivial code evaluator (no model) for loop-guard and accounting tests. */
  public static RunnableEvaluator constant(String label) {
    CodeSpec spec = new CodeSpec("constant", null, null, dev.assay.eval.CodeCheck.EXACT_MATCH, null, null, null);
    return new RunnableEvaluator() {
      @Override
      public EvaluatorSpec spec() {
        return spec;
      }

      @Override
      public EvalOutcome evaluate(Subject subject) {
        return new EvalOutcome(label, 1.0, null, true, Map.of());
      }
    };
  }
}
