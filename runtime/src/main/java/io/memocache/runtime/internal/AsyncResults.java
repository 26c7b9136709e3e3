package io.memocache.runtime.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
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
 *
 * @Memo(persist = true): the memo store holds the completed value, never a future. A store hit is
 * stored in-process as an already completed shared future of the deserialized value (the cache's
 * own copy), handed out like any other. A computed value is saved by PersistentTier when the
 * method's future completes normally, just before shared completes (so a caller who has the value
 * knows it is stored), with the epoch read when the computation began: a clear in between drops
 * the write as it does for a synchronous method; a failed or cancelled future saves nothing. The
 * store's lease passes from the Pending to that completion step and is closed once, when the
 * future completes, or after PersistentTier's bound if it never does.
 */

/** Stores and hands out the futures of async methods; for MethodCache only. */
final class AsyncResults {
  private AsyncResults() {}

  /**
   * Returns the future to store for the method's result, completed with its stored form.
   *
   * @param onCompletion run with the stored form or the failure just before shared completes, or
   *     null; it must not throw (a persisted method's save, which PersistentTier guards)
   */
  static CompletableFuture<Object> share(
      Object result,
      UnaryOperator<Object> storedForm,
      BiConsumer<Object, Throwable> onCompletion) {
    CompletableFuture<Object> shared = new CompletableFuture<>();
    if (result == null) {
      complete(
          shared,
          null,
          new NullPointerException("the method returned a null future"),
          onCompletion);
      return shared;
    }
    ((CompletionStage<?>) result)
        .whenComplete(
            (value, failure) -> {
              Object stored = null;
              Throwable outcome = failure;
              if (failure == null) {
                try {
                  stored = value == null ? null : storedForm.apply(value);
                } catch (Throwable e) {
                  outcome = e;
                }
              }
              complete(shared, stored, outcome, onCompletion);
            });
    return shared;
  }

  private static void complete(
      CompletableFuture<Object> shared,
      Object stored,
      Throwable failure,
      BiConsumer<Object, Throwable> onCompletion) {
    try {
      if (onCompletion != null) {
        onCompletion.accept(stored, failure);
      }
    } finally {
      if (failure != null) {
        shared.completeExceptionally(failure);
      } else {
        shared.complete(stored);
      }
    }
  }

  /** Returns the future to store for a value read from the memo store: already completed. */
  static CompletableFuture<Object> completed(Object storedValue) {
    return CompletableFuture.completedFuture(storedValue);
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

  /**
   * Returns a caller's own future of the shared one: with its own copy for @Memo. A shared future
   * already completed normally (every hit after the first completion) is answered with a new
   * completed future of the copy, made on this thread: no dependent is attached to shared, no
   * lambda allocated. A copy that fails fails the caller's future, as it would in a dependent.
   */
  static CompletableFuture<Object> forCaller(Object shared, UnaryOperator<Object> copy) {
    @SuppressWarnings("unchecked")
    CompletableFuture<Object> future = (CompletableFuture<Object>) shared;
    if (future.isDone() && !future.isCompletedExceptionally()) {
      Object value = future.getNow(null);
      try {
        return CompletableFuture.completedFuture(value == null ? null : copy.apply(value));
      } catch (Throwable e) {
        return CompletableFuture.failedFuture(e);
      }
    }
    return future.thenApply(value -> value == null ? null : copy.apply(value));
  }
}
