package io.memocache.runtime.internal;

/** A result, or something inside it, cannot be copied. */
final class UncopyableValueException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Class<?> type;

  UncopyableValueException(Class<?> type, Throwable cause) {
    super(type.getName(), cause);
    this.type = type;
  }

  /** The class that could not be copied. */
  Class<?> type() {
    return type;
  }
}
