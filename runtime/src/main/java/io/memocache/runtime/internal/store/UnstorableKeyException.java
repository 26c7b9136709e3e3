package io.memocache.runtime.internal.store;

/**
 * A key argument, or something inside it, has no content that can be written to a memo store: a
 * handle on the process (thread, stream, lambda, ...), or a JDK class without a canonical form.
 * The call can still be cached in-process; it is a store miss and its value is not stored.
 */
public final class UnstorableKeyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Class<?> type;
  private final String path;
  private final String reason;

  UnstorableKeyException(Class<?> type, String path, String reason) {
    super(
        type.getName() + (path.isEmpty() ? "" : " at " + path) + " cannot be stored: " + reason,
        null,
        false,
        false);
    this.type = type;
    this.path = path;
    this.reason = reason;
  }

  /** Why the value cannot be stored, for rethrowing with a longer path. */
  String reason() {
    return reason;
  }

  /**
   * Returns the class of the value that cannot be stored.
   *
   * @return the class
   */
  public Class<?> type() {
    return type;
  }

  /**
   * Returns where the value sits among the key arguments ("[1].customer.connection", "[0][3]").
   *
   * @return the path, starting with the argument's index
   */
  public String path() {
    return path;
  }
}
