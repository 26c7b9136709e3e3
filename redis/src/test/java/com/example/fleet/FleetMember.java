package com.example.fleet;

import io.memocache.runtime.CacheStats;
import io.memocache.runtime.CachedMethod;
import io.memocache.runtime.MemoCaches;
import io.memocache.runtime.MemoStores;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One JVM of a test fleet, started by {@code FleetThroughGeneratedCodeTest} with the test class
 * path, {@code -Dmemocache.store=redis://…} and {@code -Dmemocache.secret=…}: it calls the
 * generated {@link Quotes_Cached} on commands read from standard input, one per line, and answers
 * each with one line on standard output ({@code watch} answers twice).
 *
 * <ul>
 *   <li>{@code quote <symbol>}, {@code report <name> <pauseMillis>}: the call's value.
 *   <li>{@code arm <threads> <name> <pauseMillis>}: starts threads that call {@code report} once
 *       released, answers {@code ARMED}; {@code go} releases them and answers their values, joined
 *       by {@code " | "}.
 *   <li>{@code clear}, {@code clear-one <symbol>}, {@code clear-all}: {@code
 *       Quotes_Cached.clearQuote()}, {@code Quotes_Cached.clearQuote(symbol)}, {@code
 *       MemoCaches.clearAll()}; answers {@code CLEARED <nanoTime when the clear returned>}.
 *   <li>{@code watch}: answers {@code WATCHING} while {@code quote} holds entries in-process, then
 *       spins until it holds none and answers {@code DROPPED <nanoTime when it saw that>}.
 *   <li>{@code keep-calling}: calls {@code quote} with a new symbol every 10 ms in the background;
 *       {@code stop-calling} stops and answers {@code calls=<n> failures=<n> slowestMillis=<ms>}.
 *   <li>{@code stats}: {@code quote}'s counters.
 * </ul>
 *
 * <p>A command that throws answers {@code THREW <exception>}. Ends when standard input closes.
 */
public final class FleetMember {
  private static final long WATCH_NANOS = TimeUnit.SECONDS.toNanos(30);

  private final Quotes quotes = new Quotes_Cached();
  private final CachedMethod quoteCache = method("quote");
  private final List<Thread> armed = new ArrayList<>();
  private final List<String> armedValues = new ArrayList<>();
  private CountDownLatch go = new CountDownLatch(1);
  private Thread caller;
  private final AtomicBoolean calling = new AtomicBoolean();
  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong slowestNanos = new AtomicLong();

  private FleetMember() {}

  public static void main(String[] args) throws Exception {
    MemoStores.current(); // connects now: the tests time calls, not the first connection
    FleetMember member = new FleetMember();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    System.out.println("READY " + ProcessHandle.current().pid());
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      String answer;
      try {
        answer = member.run(line.split(" "));
      } catch (Throwable e) {
        answer = "THREW " + e;
      }
      System.out.println(answer);
    }
  }

  private String run(String[] command) throws Exception {
    switch (command[0]) {
      case "quote":
        return quotes.quote(command[1]);
      case "report":
        return quotes.report(command[1], Long.parseLong(command[2]));
      case "arm":
        return arm(Integer.parseInt(command[1]), command[2], Long.parseLong(command[3]));
      case "go":
        return go();
      case "clear":
        Quotes_Cached.clearQuote();
        return "CLEARED " + System.nanoTime();
      case "clear-one":
        Quotes_Cached.clearQuote(command[1]);
        return "CLEARED " + System.nanoTime();
      case "clear-all":
        MemoCaches.clearAll();
        return "CLEARED " + System.nanoTime();
      case "watch":
        return watch();
      case "keep-calling":
        return keepCalling();
      case "stop-calling":
        return stopCalling();
      case "stats":
        CacheStats s = quoteCache.stats();
        return "computations="
            + s.computations()
            + " storeHits="
            + s.storeHits()
            + " storeRejected="
            + s.storeRejected()
            + " storeErrors="
            + s.storeErrors()
            + " entries="
            + s.entries();
      default:
        throw new IllegalArgumentException("unknown command " + String.join(" ", command));
    }
  }

  private String arm(int threads, String name, long pauseMillis) {
    go = new CountDownLatch(1);
    armed.clear();
    armedValues.clear();
    CountDownLatch started = new CountDownLatch(threads);
    for (int i = 0; i < threads; i++) {
      Thread thread =
          new Thread(
              () -> {
                String value;
                try {
                  started.countDown();
                  go.await();
                  value = quotes.report(name, pauseMillis);
                } catch (Throwable e) {
                  value = "THREW " + e;
                }
                synchronized (armedValues) {
                  armedValues.add(value);
                }
              });
      thread.start();
      armed.add(thread);
    }
    try {
      return started.await(30, TimeUnit.SECONDS) ? "ARMED" : "NOT ARMED";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "NOT ARMED";
    }
  }

  private String go() throws InterruptedException {
    go.countDown();
    for (Thread thread : armed) {
      thread.join(TimeUnit.SECONDS.toMillis(60));
    }
    synchronized (armedValues) {
      return String.join(" | ", armedValues);
    }
  }

  private String watch() {
    if (quoteCache.stats().entries() == 0) {
      return "NOTHING TO WATCH";
    }
    System.out.println("WATCHING");
    long giveUp = System.nanoTime() + WATCH_NANOS;
    while (System.nanoTime() - giveUp < 0) {
      if (quoteCache.stats().entries() == 0) {
        return "DROPPED " + System.nanoTime();
      }
      Thread.onSpinWait();
    }
    return "STILL THERE";
  }

  private String keepCalling() {
    calling.set(true);
    calls.set(0);
    failures.set(0);
    slowestNanos.set(0);
    caller =
        new Thread(
            () -> {
              for (int i = 0; calling.get(); i++) {
                long start = System.nanoTime();
                try {
                  quotes.quote("k" + i);
                } catch (RuntimeException e) {
                  failures.incrementAndGet();
                }
                long took = System.nanoTime() - start;
                calls.incrementAndGet();
                slowestNanos.accumulateAndGet(took, Math::max);
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    caller.start();
    return "CALLING";
  }

  private String stopCalling() throws InterruptedException {
    calling.set(false);
    caller.join(TimeUnit.SECONDS.toMillis(30));
    return "calls="
        + calls.get()
        + " failures="
        + failures.get()
        + " slowestMillis="
        + TimeUnit.NANOSECONDS.toMillis(slowestNanos.get())
        + (caller.isAlive() ? " STUCK" : "");
  }

  private static CachedMethod method(String name) {
    for (CachedMethod method : MemoCaches.methods()) {
      if (method.stats().methodName().equals(name)) {
        return method;
      }
    }
    throw new IllegalStateException("no cached method " + name + " in " + MemoCaches.methods());
  }
}
