package io.memocache.runtime;

/**
 * Thrown when an argument of a cached method cannot be keyed by content: a thread, a stream, a
 * socket, a lambda, or an object holding such a thing. The method is not run and nothing is cached.
 *
 * <p>The fix is to leave the parameter out of the key by prefixing its name with {@code _}.
 */
public final class UnhashableParameterException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** The cached method, as {@code Class.method(Types)}. */
  private final String method;
  /** The source name of the parameter. */
  private final String parameter;
  /** The name of the offending type. */
  private final String type;
  /** Where inside the argument the offending value sits. */
  private final String path;

  /**
   * Creates the exception for one argument.
   *
   * @param method the cached method, as {@code Class.method}
   * @param parameter the parameter's source name
   * @param type the name of the type that cannot be hashed
   * @param path where inside the argument the offending value sits ({@code "customer.connection"}),
   *     or {@code ""} when it is the argument itself
   */
  public UnhashableParameterException(String method, String parameter, String type, String path) {
    super(
        "cannot key "
            + method
            + " by parameter '"
            + parameter
            + "': "
            + (path.isEmpty() ? "its value" : "'" + parameter + "." + path + "'")
            + " is a "
            + type
            + ", which has no content to hash; prefix the parameter name with '_' to leave it out"
            + " of the key");
    this.method = method;
    this.parameter = parameter;
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
   * Returns the source name of the parameter whose argument could not be hashed.
   *
   * @return the parameter name
   */
  public String parameter() {
    return parameter;
  }

  /**
   * Returns the name of the type that could not be hashed.
   *
   * @return the type name
   */
  public String type() {
    return type;
  }

  /**
   * Returns where inside the argument the offending value sits, or {@code ""} for the argument
   * itself.
   *
   * @return the path
   */
  public String path() {
    return path;
  }
}
