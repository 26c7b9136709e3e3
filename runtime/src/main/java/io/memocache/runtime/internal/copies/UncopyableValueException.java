package io.memocache.runtime.internal.copies;

/** A result, or something inside it, cannot be copied. For memocache's own use. */
public final class UncopyableValueException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Class<?> type;
  private final String path;

  /** For a failure whose place in the result is not known (yet). */
  UncopyableValueException(Class<?> type, Throwable cause) {
    this(type, "", cause);
  }

  /**
   * @param path where in the result the value sits ({@code "items[3].owner.lock"}), or {@code ""}
   *     for the result itself or an unknown place
   */
  UncopyableValueException(Class<?> type, String path, Throwable cause) {
    super(
        path.isEmpty()
            ? type.getName()
            : "result" + (path.startsWith("[") ? "" : ".") + path + " is a " + type.getName(),
        cause);
    this.type = type;
    this.path = path;
  }

  /** The class that could not be copied. */
  public Class<?> type() {
    return type;
  }

  /** Where in the result the value sits, or {@code ""} for the result itself. */
  public String path() {
    return path;
  }
}
