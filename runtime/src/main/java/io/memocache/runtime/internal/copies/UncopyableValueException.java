package io.memocache.runtime.internal.copies;

/** A result, or something inside it, cannot be copied. For memocache's own use. */
public final class UncopyableValueException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Class<?> type;
  private final String path;
  private final String missingOpens;

  /** For a failure whose place in the result is not known (yet). */
  UncopyableValueException(Class<?> type, Throwable cause) {
    this(type, "", cause);
  }

  /**
   * @param path where in the result the value sits ({@code "items[3].owner.lock"}), or {@code ""}
   *     for the result itself or an unknown place
   */
  UncopyableValueException(Class<?> type, String path, Throwable cause) {
    this(type, path, ModuleAccess.missingOpens(type), cause);
  }

  private UncopyableValueException(
      Class<?> type, String path, String missingOpens, Throwable cause) {
    super(
        (path.isEmpty()
                ? type.getName()
                : "result" + (path.startsWith("[") ? "" : ".") + path + " is a " + type.getName())
            + (missingOpens.isEmpty()
                ? ""
                : ", whose fields memocache cannot reach: " + missingOpens),
        cause);
    this.type = type;
    this.path = path;
    this.missingOpens = missingOpens;
  }

  /** The class that could not be copied. */
  public Class<?> type() {
    return type;
  }

  /** Where in the result the value sits, or {@code ""} for the result itself. */
  public String path() {
    return path;
  }

  /**
   * The {@code opens} line the type's named module lacks for memocache to copy it ("add 'opens p
   * to io.memocache.runtime;' to module m"), or {@code ""} when access is not the problem.
   */
  public String missingOpens() {
    return missingOpens;
  }
}
