package com.example.fleet;

import io.memocache.Memo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@code @Memo(persist = true)} methods as a user writes them, called by every JVM of a test fleet
 * ({@link FleetMember}). Each computation appends a line to the file named by the system property
 * {@value #COMPUTATIONS}, which all JVMs of a test share: counting there works with Redis down,
 * and counts the computation of a JVM that is killed before it returns.
 */
public class Quotes {
  /** The system property naming the file that records every computation. */
  public static final String COMPUTATIONS = "fleet.computations";

  /** A quick computation; its value names the JVM that computed it. */
  @Memo(persist = true)
  public String quote(String symbol) {
    computing("quote " + symbol);
    return symbol + " computed by " + ProcessHandle.current().pid();
  }

  /**
   * A slow computation: it takes {@code _pauseMillis}, which is not part of the key (SPEC 4), so
   * JVMs that pause differently still ask for one entry.
   */
  @Memo(persist = true)
  public String report(String name, long _pauseMillis) {
    computing("report " + name);
    try {
      Thread.sleep(_pauseMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while computing " + name, e);
    }
    return name + " computed by " + ProcessHandle.current().pid();
  }

  /** Appends {@code what} and this JVM's pid to the shared file, as one atomic append. */
  private static void computing(String what) {
    String line = what + " " + ProcessHandle.current().pid() + "\n";
    try {
      Files.write(
          Path.of(System.getProperty(COMPUTATIONS)),
          line.getBytes(StandardCharsets.UTF_8),
          StandardOpenOption.CREATE,
          StandardOpenOption.WRITE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
