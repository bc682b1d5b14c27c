package dev.assay.server.v2;

import dev.assay.eval.JudgeTemplate;
import dev.assay.eval.JudgeTemplates;
import dev.assay.eval.TemplateMessage;
import dev.assay.shared.NotFoundException;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/** Assay's {@code /v2/evaluator-templates}: the built-in judge templates, for the gallery and the CLI. */
public final class EvaluatorTemplateController {
  /** One judge template: messages with {@code {variable}} placeholders, rails label → score, direction, granularity. */
  public record TemplateJson(String id, String name, String description, String granularity, String direction,
      Map<String, Double> rails, List<String> variables, List<TemplateMessage> messages, boolean explanationByDefault) {
    static TemplateJson of(JudgeTemplate t) {
      return new TemplateJson(t.id(), t.name(), t.description(), t.granularity().name(), t.direction().name(), t.rails(),
          t.variables(), t.messages(), t.explanationByDefault());
    }
  }

  /** {@code GET /v2/evaluator-templates}. */
  public record TemplateList(List<TemplateJson> templates) {}

  private final JudgeTemplates templates;

  public EvaluatorTemplateController(JudgeTemplates templates) {
    if (templates == null) {
      throw new NullPointerException("templates is required");
    }
    this.templates = templates;
  }

  public void list(Context ctx) {
    ctx.json(new TemplateList(templates.all().stream().map(TemplateJson::of).toList()));
  }

  public void get(Context ctx) {
    String id = ctx.pathParam("template_id");
    ctx.json(TemplateJson.of(templates.find(id)
        .orElseThrow(() -> new NotFoundException("evaluator template '" + id + "' not found"))));
  }
}
