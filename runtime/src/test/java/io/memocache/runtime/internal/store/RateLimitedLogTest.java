package io.memocache.runtime.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.System.Logger;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class RateLimitedLogTest {
  private final List<String> lines = new CopyOnWriteArrayList<>();

  @Test
  void log_writesTheFirstLineOfAKindAndSuppressesTheRestWithinTheInterval() {
    RateLimitedLog log = new RateLimitedLog(new ListLogger(), 3_600_000_000_000L);

    assertTrue(log.log(Logger.Level.WARNING, "read", "first", null));
    assertFalse(log.log(Logger.Level.WARNING, "read", "second", null));
    assertTrue(log.log(Logger.Level.WARNING, "write", "other kind", null));

    assertEquals(List.of("WARNING first", "WARNING other kind"), lines);
  }

  @Test
  void log_nextLineAfterTheIntervalCountsTheSuppressedOnes() throws InterruptedException {
    RateLimitedLog log = new RateLimitedLog(new ListLogger(), 20_000_000L);
    log.log(Logger.Level.WARNING, "read", "first", null);
    log.log(Logger.Level.WARNING, "read", "dropped", null);
    log.log(Logger.Level.WARNING, "read", "dropped", null);

    Thread.sleep(40);
    assertTrue(log.log(Logger.Level.WARNING, "read", "again", null));

    assertEquals(
        List.of(
            "WARNING first", "WARNING again (2 similar failures not logged since the last line)"),
        lines);
  }

  private final class ListLogger implements Logger {
    @Override
    public String getName() {
      return "test";
    }

    @Override
    public boolean isLoggable(Level level) {
      return true;
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
      lines.add(level + " " + msg);
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
      lines.add(level + " " + format);
    }
  }
}
