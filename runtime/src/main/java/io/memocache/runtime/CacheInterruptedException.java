package io.memocache.runtime;

/**
 * Thrown to a caller that was interrupted while it waited for another thread to compute the entry
 * it asked for. The caller's interrupt status is set again; the computation and the cache are left
 * as they were.
 */
public final class CacheInterruptedException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param method the cached method, as {@code Class.method}
   * @param cause the interruption
   */
  public CacheInterruptedException(String method, InterruptedException cause) {
    super("interrupted while waiting for another thread to compute " + method, cause);
  }
}
