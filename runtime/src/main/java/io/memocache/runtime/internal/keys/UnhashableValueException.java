package io.memocache.runtime.internal.keys;

/** An argument, or something inside it, has no content to key by. For memocache's own use. */
public final class UnhashableValueException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Class<?> type;
  private final String path;

  UnhashableValueException(Class<?> type, String path) {
    super(type.getName() + (path.isEmpty() ? "" : " at " + path), null, false, false);
    this.type = type;
    this.path = path;
  }

  /** The class of the value that cannot be hashed. */
  public Class<?> type() {
    return type;
  }

  /** Where the value sits inside the argument ("customer.connection", "[3]"), or "". */
  public String path() {
    return path;
  }
}
