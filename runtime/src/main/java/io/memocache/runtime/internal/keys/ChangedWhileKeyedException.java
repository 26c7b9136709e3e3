package io.memocache.runtime.internal.keys;

/**
 * An argument changed (another thread modified it) while its content was being read. For
 * memocache's own use.
 */
public final class ChangedWhileKeyedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String path;

  ChangedWhileKeyedException(String path, RuntimeException cause) {
    super(path.isEmpty() ? "the argument changed" : "changed at " + path, cause);
    this.path = path;
  }

  /** Where inside the argument the change was seen, or "". */
  public String path() {
    return path;
  }
}
