package dev.assay.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * The inputs of the promptfoo side-by-side: one CSV of cases both tools read, a {@code promptfooconfig.yaml} and an
 * {@code assay.yaml} that say the same thing (the same prompt on the same OpenAI-compatible model, one exact-match
 * check of the answer against the case's expected label, the same concurrency).
 *
 * <p>Each case lists the two labels in its own order and the fake model answers with the first one listed, so
 * half the expected answers are {@code positive} and half {@code negative}: the check compares real answers.
 */
final class SideBySideFiles {
  static final String MODEL = "fake-model";
  static final String PROMPT = "Classify the sentiment of this product review.\\nReview: {{text}}\\n"
      + "Answer with one of: {{labels}}";
  private static final String[] WORDS = ("the parcel arrived late early broken intact and support answered refund "
      + "quickly slowly battery lasts days screen bright dim case fits loose tight price fair high great poor sound "
      + "quality setup easy hard instructions clear missing would buy again never").split(" ");

  private SideBySideFiles() {}

  /** Writes {@code cases.csv}: id, text (a ~25-word review), labels (the order the prompt lists), expected. */
  static Path cases(Path dir, int n) throws IOException {
    Random random = new Random(7);
    StringBuilder csv = new StringBuilder("id,text,labels,expected\n");
    for (int i = 0; i < n; i++) {
      StringBuilder text = new StringBuilder("Review ").append(i).append(':');
      for (int w = 0; w < 25; w++) {
        text.append(' ').append(WORDS[random.nextInt(WORDS.length)]);
      }
      boolean positiveFirst = i % 2 == 0;
      csv.append("case-").append(i).append(',').append(text).append(",\"")
          .append(positiveFirst ? "positive, negative" : "negative, positive").append("\",")
          .append(positiveFirst ? "positive" : "negative").append('\n');
    }
    return Files.writeString(dir.resolve("cases.csv"), csv, StandardCharsets.UTF_8);
  }

  /** promptfoo: the CSV as tests, {@code equals} against the case's expected label on every test. */
  static Path promptfooConfig(Path dir, String baseUrl) throws IOException {
    String yaml = """
        description: assay bench side by side
        prompts:
          - "%s"
        providers:
          - id: openai:chat:%s
            config:
              apiBaseUrl: %s
              apiKey: sk-bench-fake
        defaultTest:
          assert:
            - type: equals
              value: "{{expected}}"
        tests: file://cases.csv
        """.formatted(PROMPT, MODEL, baseUrl);
    return Files.writeString(dir.resolve("promptfooconfig.yaml"), yaml, StandardCharsets.UTF_8);
  }

  /** Assay: the same CSV as the dataset (expected = the reference), the same prompt, an {@code equals} check. */
  static Path assayConfig(Path dir, String baseUrl, int concurrency) throws IOException {
    String yaml = """
        name: bench-side-by-side
        description: assay bench side by side
        dataset:
          file: cases.csv
          input_keys: [text, labels]
          output_keys: [expected]
          id_key: id
        prompts:
          - text: "%s"
        providers:
          - base_url: %s
            model: %s
            api_key_env: OPENAI_API_KEY
        evaluators:
          - type: equals
            fail_under: 1.0
        concurrency: %d
        """.formatted(PROMPT, baseUrl, MODEL, concurrency);
    return Files.writeString(dir.resolve("assay.yaml"), yaml, StandardCharsets.UTF_8);
  }
}
