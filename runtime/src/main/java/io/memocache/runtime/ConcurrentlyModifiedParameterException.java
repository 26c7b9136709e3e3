package io.memocache.runtime;

import java.util.ConcurrentModificationException;

/**
 * Thrown when an argument of a cached method changes while memocache reads its content to build
 * the key: another thread modified the collection, array or object during the call. The method is
 * not run and nothing is cached; a later call with an argument that holds still is keyed normally.
 *
 * <p>It is a {@link ConcurrentModificationException}, which is what the argument's own iteration
 * would have thrown. The fix is in the caller: pass an argument no other thread modifies during
 * the call (a copy, or an immutable collection), or leave the parameter out of the key by
 * prefixing its name with {@code _}.
 */
public final class ConcurrentlyModifiedParameterException extends ConcurrentModificationException {
  private static final long serialVersionUID = 1L;

  /** The cached method, as {@code Class.method(Types)}. */
  private final String method;
  /** The source name of the parameter. */
  private final String parameter;
  /** Where inside the argument the change was seen. */
  private final String path;

  /**
   * Creates the exception for one argument.
   *
   * @param method the cached method, as {@code Class.method(Types)}
   * @param parameter the parameter's source name
   * @param path where inside the argument the change was seen ({@code "orders[3]"}), or {@code
   *     ""} when it is the argument itself
   * @param cause what reading the argument threw, or null
   */
  public ConcurrentlyModifiedParameterException(
      String method, String parameter, String path, Throwable cause) {
    super(
        "cannot key "
            + method
            + " by parameter '"
            + parameter
            + "': "
            + (path.isEmpty() ? "its value" : "'" + parameter + "." + path + "'")
            + " changed while it was being keyed (another thread modified it during the call);"
            + " nothing was cached; pass an argument no other thread modifies during the call,"
            + " such as a copy",
        cause);
    this.method = method;
    this.parameter = parameter;
    this.path = path;
  }

  /**
   * Returns the cached method, as {@code Class.method(Types)}.
   *
   * @return the method
   */
  public String method() {
    return method;
  }

  /**
   * Returns the source name of the parameter whose argument changed.
   *
   * @return the parameter name
   */
  public String parameter() {
    return parameter;
  }

  /**
   * Returns where inside the argument the change was seen, or {@code ""} for the argument itself.
   *
   * @return the path
   */
  public String path() {
    return path;
  }
}
