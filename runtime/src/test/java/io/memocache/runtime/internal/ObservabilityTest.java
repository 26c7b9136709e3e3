package io.memocache.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC 13: every computation emits a JFR event {@code io.memocache.Computation}, and a failed one
 * a DEBUG line on the {@code io.memocache} logger; hits emit nothing. The cache is driven by hand,
 * as the generated code drives it.
 */
class ObservabilityTest {
  private static final String EVENT = "io.memocache.Computation";

  @TempDir Path dir;

  private static MethodCache cache(String name) {
    return MethodCache.memo(ObservabilityTest.class, name, "(I)Ljava/lang/Object;")
        .parameterTypes("int")
        .keyParameters("n")
        .build();
  }

  /** Runs one call the way generated code does: a hit, or a computation that may throw. */
  private static Object call(MethodCache cache, int n, boolean fail) {
    Object key = Keys.of(n);
    Object hit = cache.getIfPresent(key);
    if (hit != MethodCache.ABSENT) {
      return hit;
    }
    Object begun = cache.begin(key);
    if (!(begun instanceof MethodCache.Pending pending)) {
      return begun;
    }
    try {
      if (fail) {
        throw new IllegalStateException("no value for " + n);
      }
      return pending.succeeded(List.of(n));
    } catch (RuntimeException e) {
      pending.failed(e);
      throw e;
    } finally {
      pending.ownerLeft = true;
    }
  }

  private List<RecordedEvent> record(Runnable calls) throws IOException {
    Path file = dir.resolve("computations.jfr");
    try (Recording recording = new Recording()) {
      recording.enable(EVENT).withThreshold(Duration.ZERO);
      recording.start();
      calls.run();
      recording.stop();
      recording.dump(file);
    }
    List<RecordedEvent> events = new ArrayList<>();
    for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
      if (event.getEventType().getName().equals(EVENT)) {
        events.add(event);
      }
    }
    return events;
  }

  @Test
  void computationAndFailure_emitOneEventEach_hitsNone() throws IOException {
    MethodCache cache = cache("jfr");
    List<RecordedEvent> events =
        record(
            () -> {
              call(cache, 1, false);
              call(cache, 1, false);
              call(cache, 1, false);
              assertInstanceOf(IllegalStateException.class, catchFrom(() -> call(cache, 2, true)));
            });

    assertEquals(2, events.size(), "one event per computation, none for the two hits: " + events);
    RecordedEvent success = events.get(0);
    assertEquals(cache.id(), success.getString("methodId"));
    assertEquals(ObservabilityTest.class.getName(), success.getString("className"));
    assertEquals("jfr", success.getString("methodName"));
    assertTrue(success.getBoolean("success"));
    assertNull(success.getString("failure"));
    assertFalse(success.getDuration().isNegative());

    RecordedEvent failure = events.get(1);
    assertEquals(cache.id(), failure.getString("methodId"));
    assertFalse(failure.getBoolean("success"));
    assertEquals(IllegalStateException.class.getName(), failure.getString("failure"));
  }

  @Test
  void uncopyableResult_isAFailedComputation() throws IOException {
    MethodCache cache = cache("uncopyable");
    List<RecordedEvent> events =
        record(
            () -> {
              MethodCache.Pending pending =
                  assertInstanceOf(MethodCache.Pending.class, cache.begin(Keys.of(1)));
              try {
                pending.succeeded(new Thread());
              } catch (RuntimeException e) {
                pending.failed(e);
              } finally {
                pending.ownerLeft = true;
              }
            });

    assertEquals(1, events.size(), events.toString());
    assertEquals(
        "io.memocache.runtime.UncopyableResultException", events.get(0).getString("failure"));
  }

  @Test
  void withoutARecording_noEventIsAllocated() {
    assertNull(ComputationEvent.start());
  }

  @Test
  void failure_logsOneDebugLineNamingMethodAndException_successAndHitsLogNothing() {
    Logger logger = Logger.getLogger("io.memocache");
    List<LogRecord> records = new ArrayList<>();
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            records.add(record);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Level previous = logger.getLevel();
    logger.setLevel(Level.ALL);
    logger.addHandler(handler);
    try {
      MethodCache cache = cache("logged");
      call(cache, 1, false);
      call(cache, 1, false);
      catchFrom(() -> call(cache, 2, true));

      assertEquals(1, records.size(), "only the failure logs");
      LogRecord record = records.get(0);
      assertEquals(Level.FINE, record.getLevel(), "System.Logger DEBUG is JUL FINE");
      String message = MessageFormat.format(record.getMessage(), record.getParameters());
      assertEquals(
          "memocache: the computation of ObservabilityTest.logged(int) failed with"
              + " java.lang.IllegalStateException; nothing is cached",
          message);
    } finally {
      logger.removeHandler(handler);
      logger.setLevel(previous);
    }
  }

  private static Throwable catchFrom(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      return e;
    }
    throw new AssertionError("expected the call to fail");
  }
}
