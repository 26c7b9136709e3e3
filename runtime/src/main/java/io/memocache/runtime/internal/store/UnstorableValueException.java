package io.memocache.runtime.internal.store;

/**
 * A {@code @Memo(persist = true)} result, or something inside it, cannot be written to a memo
 * store: a handle on the process, a class that would need Java serialization or the JDK's private
 * state, or a graph too deep to write. The value is still returned and cached in-process; it is
 * just not stored.
 */
public final class UnstorableValueException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Class<?> type;

  UnstorableValueException(Class<?> type, String reason) {
    super(type.getName() + " cannot be stored: " + reason);
    this.type = type;
  }

  UnstorableValueException(Class<?> type, Throwable cause) {
    super(type.getName() + " cannot be stored: " + firstLine(cause), cause);
    this.type = type;
  }

  /** Kryo's messages carry a trace of every field on the way, one line each. */
  static String firstLine(Throwable cause) {
    String text = cause.toString();
    int end = text.indexOf('\n');
    return end < 0 ? text : text.substring(0, end);
  }

  /**
   * Returns the class that cannot be stored.
   *
   * @return the class
   */
  public Class<?> type() {
    return type;
  }
}
