package io.memocache.runtime.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;

/*
 * Design note.
 *
 * A method returning CompletableFuture<T> or CompletionStage<T> (decided at compile time) caches
 * the future, not its value. Its computation, in MethodCache's sense, is only the call that returns
 * the future: single flight holds for that call, and callers never wait for the future itself.
 *
 * What is stored is a CompletableFuture of our own, "shared", completed from the method's future
 * (for @Memo with the cache's own copy of the value). The method's future is reachable from nothing
 * but shared, so no caller can cancel or complete it. Each caller, the computing one included,
 * gets a fresh dependent future of shared (for @Memo applying a copy per caller), so cancelling or
 * completing what one caller got touches neither shared nor any other caller's future.
 *
 * Once stored, shared watches itself: when it completes exceptionally (a failure, or a cancelled
 * method future) its entry is removed if the entry still holds it, so the next call computes again.
 * The watch is attached after the store, so a future that had failed already is removed at once.
 */

/** Stores and hands out the futures of async methods; for MethodCache only. */
final class AsyncResults {
  private AsyncResults() {}

  /** Returns the future to store for the method's result, completed with its stored form. */
  static CompletableFuture<Object> share(Object result, UnaryOperator<Object> storedForm) {
    CompletableFuture<Object> shared = new CompletableFuture<>();
    if (result == null) {
      shared.completeExceptionally(new NullPointerException("the method returned a null future"));
      return shared;
    }
    ((CompletionStage<?>) result)
        .whenComplete(
            (value, failure) -> {
              if (failure != null) {
                shared.completeExceptionally(failure);
                return;
              }
              try {
                shared.complete(value == null ? null : storedForm.apply(value));
              } catch (Throwable e) {
                shared.completeExceptionally(e);
              }
            });
    return shared;
  }

  /** Removes the entry once its future fails, if the entry still holds it. */
  static void removeOnFailure(CompletableFuture<?> shared, Runnable remove) {
    shared.whenComplete(
        (value, failure) -> {
          if (failure != null) {
            remove.run();
          }
        });
  }

  /** Returns a caller's own future of the shared one: a dependent, with its own copy for @Memo. */
  static CompletableFuture<Object> forCaller(Object shared, UnaryOperator<Object> copy) {
    @SuppressWarnings("unchecked")
    CompletableFuture<Object> future = (CompletableFuture<Object>) shared;
    return future.thenApply(value -> value == null ? null : copy.apply(value));
  }
}
