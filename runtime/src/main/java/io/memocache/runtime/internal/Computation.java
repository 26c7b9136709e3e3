package io.memocache.runtime.internal;

/**
 * The original method body, called on a cache miss. Declared to throw anything so that generated
 * code can pass checked exceptions through unchanged.
 */
@FunctionalInterface
public interface Computation {
  /**
   * Runs the original method.
   *
   * @return its result, boxed
   * @throws Throwable whatever the original method throws
   */
  Object compute() throws Throwable;
}
