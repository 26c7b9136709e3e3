package com.example.shapes;

import io.memocache.Memo;
import io.memocache.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** SPEC section 11: methods returning futures. */
public class AsyncCalls {
  /** The future the next computation returns; a test completes it when it chooses. */
  public static volatile CompletableFuture<List<String>> next = new CompletableFuture<>();

  @Memo
  public CompletableFuture<List<String>> names(String group) {
    Calls.record("names");
    return next;
  }

  @Singleton
  public static CompletionStage<StringBuilder> client(String url) {
    Calls.record("client");
    return CompletableFuture.supplyAsync(() -> new StringBuilder(url));
  }

  /** A future of a future: its value is the inner future, which has no copy (SPEC 5). */
  @Memo
  public CompletableFuture<CompletableFuture<String>> nested(String key) {
    Calls.record("nested");
    return CompletableFuture.completedFuture(CompletableFuture.completedFuture(key));
  }

  /** A fresh list the tests complete {@link #next} with. */
  public static List<String> list(String... names) {
    return new ArrayList<>(List.of(names));
  }
}
