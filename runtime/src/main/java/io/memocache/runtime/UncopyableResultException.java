package io.memocache.runtime;

/**
 * Thrown when the result of a {@code @Memo} method cannot be copied, so it cannot be handed out by
 * value. Nothing is cached. Shared objects that cannot be copied belong in a {@code @Singleton}
 * method, which returns them by reference.
 */
public final class UncopyableResultException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /** The cached method, as {@code Class.method(Types)}. */
  private final String method;
  /** The name of the offending type. */
  private final String type;
  /** Where inside the result the offending value sits. */
  private final String path;

  /**
   * Creates the exception for one result, without saying where in it the offending value sits.
   *
   * @param method the cached method, as {@code Class.method}
   * @param type the name of the type that could not be copied
   * @param cause what the copier reported
   */
  public UncopyableResultException(String method, String type, Throwable cause) {
    this(method, type, "", cause);
  }

  /**
   * Creates the exception for one result.
   *
   * @param method the cached method, as {@code Class.method}
   * @param type the name of the type that could not be copied
   * @param path where inside the result the offending value sits ({@code "items[3].owner.lock"}),
   *     or {@code ""} when it is the result itself
   * @param cause what the copier reported
   */
  public UncopyableResultException(String method, String type, String path, Throwable cause) {
    this(method, type, path, "", cause);
  }

  /**
   * Creates the exception for one result whose type sits in a named module that does not open its
   * package to memocache: the message then names the line that fixes it.
   *
   * @param method the cached method, as {@code Class.method}
   * @param type the name of the type that could not be copied
   * @param path where inside the result the offending value sits ({@code "items[3].owner.lock"}),
   *     or {@code ""} when it is the result itself
   * @param missingOpens the fix, as {@code "add 'opens p to io.memocache.runtime;' to module m"},
   *     or {@code ""} when module access is not the problem
   * @param cause what the copier reported
   */
  public UncopyableResultException(
      String method, String type, String path, String missingOpens, Throwable cause) {
    super(
        "cannot return the result of @Memo "
            + method
            + " by value: "
            + (path.isEmpty()
                ? "a " + type
                : "'result" + (path.startsWith("[") ? "" : ".") + path + "', a " + type + ",")
            + (missingOpens.isEmpty()
                ? " cannot be copied; return data that can be copied, or use @Singleton to share"
                    + " the object by reference"
                : " cannot be copied because its module does not open its package to memocache: "
                    + missingOpens
                    + ", or use @Singleton to share the object by reference"),
        cause);
    this.method = method;
    this.type = type;
    this.path = path;
  }

  /**
   * Returns the cached method, as {@code Class.method}.
   *
   * @return the method
   */
  public String method() {
    return method;
  }

  /**
   * Returns the name of the type that could not be copied.
   *
   * @return the type name
   */
  public String type() {
    return type;
  }

  /**
   * Returns where inside the result the offending value sits, or {@code ""} for the result
   * itself.
   *
   * @return the path
   */
  public String path() {
    return path;
  }
}
