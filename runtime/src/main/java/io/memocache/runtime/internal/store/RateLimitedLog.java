package io.memocache.runtime.internal.store;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/*
 * Design note.
 *
 * A broken store fails every call the same way (a full disk, a dead server), and a line per call
 * would drown the application's log. So each kind of failure logs at most one line per interval;
 * the calls in between only count, and the next line says how many were suppressed. The first
 * failure of a kind always logs, at once. Claiming the right to log is one compare-and-set on the
 * kind's next-allowed time, so two threads failing together log once.
 */

/**
 * Logs store failures through {@link System.Logger}, at most one line per kind and interval, with
 * the count of lines suppressed since the last one. Thread-safe. Not an API.
 */
public final class RateLimitedLog {
  /** The logger name memo stores log under. */
  public static final String LOGGER_NAME = "io.memocache.store";

  private final Logger logger;
  private final long intervalNanos;
  private final ConcurrentHashMap<String, Kind> kinds = new ConcurrentHashMap<>();

  /**
   * Creates a log.
   *
   * @param logger where lines go
   * @param intervalNanos the least time between two lines of one kind
   */
  public RateLimitedLog(Logger logger, long intervalNanos) {
    this.logger = logger;
    this.intervalNanos = intervalNanos;
  }

  /**
   * Returns a log under {@value #LOGGER_NAME} that writes at most one line per kind and minute.
   *
   * @return the log
   */
  public static RateLimitedLog perMinute() {
    return new RateLimitedLog(System.getLogger(LOGGER_NAME), 60_000_000_000L);
  }

  /**
   * Logs {@code message} unless a line of the same kind was logged within the interval.
   *
   * @param level the level
   * @param kind what failed, such as {@code "read"}; lines are limited per kind
   * @param message the line
   * @param thrown the cause, or {@code null}
   * @return whether the line was logged
   */
  public boolean log(Level level, String kind, String message, Throwable thrown) {
    Kind state = kinds.computeIfAbsent(kind, k -> new Kind());
    long now = System.nanoTime();
    long allowedAt = state.nextAllowed.get();
    if ((state.started && now - allowedAt < 0)
        || !state.nextAllowed.compareAndSet(allowedAt, now + intervalNanos)) {
      state.suppressed.incrementAndGet();
      return false;
    }
    state.started = true;
    long suppressed = state.suppressed.getAndSet(0);
    String line =
        suppressed == 0
            ? message
            : message + " (" + suppressed + " similar failures not logged since the last line)";
    if (thrown == null) {
      logger.log(level, line);
    } else {
      logger.log(level, line, thrown);
    }
    return true;
  }

  private static final class Kind {
    final AtomicLong nextAllowed = new AtomicLong();
    final AtomicLong suppressed = new AtomicLong();
    volatile boolean started;
  }
}
