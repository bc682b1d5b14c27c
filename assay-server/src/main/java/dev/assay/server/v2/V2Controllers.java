package dev.assay.server.v2;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.eval.EvaluationStore;
import dev.assay.projects.ProjectService;
import dev.assay.spaces.SpaceService;
import dev.assay.traces.SpanExportService;
import dev.assay.traces.SpanService;

/** The controllers of the native API under {@code /v2}, handed to the route table as one value. */
public record V2Controllers(OpenApiController openApi, SpaceController spaces, ProjectController projects,
    SpanController spans, SpanByIdController span, TraceController traces, SessionController sessions,
    ExportController exports) {
  public V2Controllers {
    if (openApi == null || spaces == null || projects == null || spans == null || span == null || traces == null
        || sessions == null || exports == null) {
      throw new NullPointerException("every /v2 controller is required");
    }
  }

  /** The controllers over these services. */
  public static V2Controllers of(SpaceService spaces, ProjectService projects, SpanService spans,
      EvaluationStore evaluations, SpanExportService exports, ObjectMapper json) {
    SpanController spanList = new SpanController(spans, evaluations, json);
    return new V2Controllers(new OpenApiController(), new SpaceController(spaces), new ProjectController(projects),
        spanList, new SpanByIdController(spans, spanList), new TraceController(spans, spanList),
        new SessionController(spans, spanList), new ExportController(exports, spanList, json));
  }
}
