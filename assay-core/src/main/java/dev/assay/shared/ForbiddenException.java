package dev.assay.shared;

/**
 * The caller is known but its role does not allow the action (HTTP 403). Nothing was changed. Resources outside
 * the caller's spaces are not "forbidden" but {@link NotFoundException}, so their existence does not leak.
 */
public final class ForbiddenException extends AssayException {
  public ForbiddenException(String message) {
    super(message);
  }

  @Override
  public String title() {
    return "Forbidden";
  }
}
