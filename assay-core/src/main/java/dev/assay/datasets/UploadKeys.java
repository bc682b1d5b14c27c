package dev.assay.datasets;

import java.util.List;

/**
 * Which columns (CSV) or top-level keys (JSON, JSONL) of an uploaded row become the example's input, expected
 * output and metadata, as Phoenix's upload names them. Keys not named anywhere are ignored; when
 * {@code inputKeys} is empty every key not named elsewhere is input.
 *
 * @param splitKey a column holding the example's split (or a list of splits), or null
 * @param spanIdKey a column holding a source span id, or null
 * @param exampleIdKey a column holding a stable example id (an upsert key on re-upload), or null
 */
public record UploadKeys(List<String> inputKeys, List<String> outputKeys, List<String> metadataKeys,
    String splitKey, String spanIdKey, String exampleIdKey) {
  public UploadKeys {
    inputKeys = inputKeys == null ? List.of() : List.copyOf(inputKeys);
    outputKeys = outputKeys == null ? List.of() : List.copyOf(outputKeys);
    metadataKeys = metadataKeys == null ? List.of() : List.copyOf(metadataKeys);
  }
}
