package io.memocache.runtime.internal.store;

/**
 * A stored value cannot be read back: its bytes are truncated or of another format, or a class it
 * holds is gone or has changed since it was stored. The entry is bad: a miss, to be removed.
 */
public final class UnreadableValueException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UnreadableValueException(String message, Throwable cause) {
    super("stored value cannot be read: " + message, cause);
  }
}
