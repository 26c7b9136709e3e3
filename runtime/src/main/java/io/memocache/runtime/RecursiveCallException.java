package io.memocache.runtime;

/**
 * Thrown when a computation would wait for itself: a cached method asking, directly or through
 * other cached methods, for the very entry it is computing, or threads whose computations wait for
 * each other's entries in a cycle. Waiting would never end, so the call fails fast instead. Nothing
 * is cached; the next call computes again.
 */
public final class RecursiveCallException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private RecursiveCallException(String message) {
    super(message);
  }

  /**
   * Creates the exception for a computation that asked for its own key on its own thread.
   *
   * @param method the cached method, as {@code Class.method(Types)}
   * @param key a readable form of the key that was asked for again
   * @return the exception
   */
  public static RecursiveCallException selfRecursion(String method, String key) {
    return new RecursiveCallException(
        method
            + " called itself with the key it is computing ("
            + key
            + "); a cached method may recurse only into other keys");
  }

  /**
   * Creates the exception for threads whose computations wait for each other in a cycle.
   *
   * @param method the cached method this thread asked for, as {@code Class.method(Types)}
   * @param key a readable form of the key this thread asked for
   * @param owner the thread computing that key, which itself waits for this thread
   * @return the exception
   */
  public static RecursiveCallException acrossThreads(String method, String key, Thread owner) {
    return new RecursiveCallException(
        "waiting for "
            + method
            + " with key "
            + key
            + ", which thread '"
            + owner.getName()
            + "' computes while it waits, directly or through other threads, for this thread's"
            + " computation: a deadlock, so this call fails instead; break the cycle between"
            + " these cached methods");
  }
}
