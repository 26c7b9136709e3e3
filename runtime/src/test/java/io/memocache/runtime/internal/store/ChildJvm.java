package io.memocache.runtime.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a main class of the test class path in a fresh JVM, for results that must hold across JVMs. */
final class ChildJvm {
  private ChildJvm() {}

  /** What a child JVM printed, and how it ended. */
  record Result(String stdout, String stderr) {}

  /**
   * Runs {@code mainClass} with the arguments on this JVM's java and class path, and returns its
   * output once it has exited with status 0 (within a minute).
   */
  static Result run(Class<?> mainClass, String... arguments)
      throws IOException, InterruptedException {
    Path stdout = Files.createTempFile("child", ".out");
    Path stderr = Files.createTempFile("child", ".err");
    try {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(mainClass.getName());
      command.addAll(List.of(arguments));
      Process process =
          new ProcessBuilder(command)
              .redirectOutput(stdout.toFile())
              .redirectError(stderr.toFile())
              .start();
      boolean exited = process.waitFor(60, TimeUnit.SECONDS);
      if (!exited) {
        process.destroyForcibly();
      }
      assertTrue(exited, "child JVM did not exit within a minute");
      Result result =
          new Result(
              Files.readString(stdout, StandardCharsets.UTF_8),
              Files.readString(stderr, StandardCharsets.UTF_8));
      assertEquals(0, process.exitValue(), () -> "child JVM failed: " + result.stderr());
      return result;
    } finally {
      Files.deleteIfExists(stdout);
      Files.deleteIfExists(stderr);
    }
  }
}
