package io.memocache.runtime.internal.store;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Compiles Java sources at test time, for tests that need two versions of one class. */
final class TestCompiler {
  private TestCompiler() {}

  /**
   * Compiles the sources (binary name to source text) into a new directory under {@code parent}
   * and returns that directory; fails the test on a compile error.
   */
  static Path compile(Path parent, Map<String, String> sources) {
    try {
      Path sourceDir = Files.createTempDirectory(parent, "src");
      Path classes = Files.createTempDirectory(parent, "classes");
      List<String> arguments = new ArrayList<>(List.of("-d", classes.toString(), "-g"));
      for (Map.Entry<String, String> source : sources.entrySet()) {
        Path file = sourceDir.resolve(source.getKey().replace('.', '/') + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source.getValue());
        arguments.add(file.toString());
      }
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      int status = javac.run(null, null, null, arguments.toArray(new String[0]));
      assertTrue(status == 0, "test sources did not compile: " + sources.keySet());
      return classes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A loader of its own for the compiled classes, so two versions of a class can coexist. */
  static URLClassLoader loader(Path classes) {
    try {
      return new URLClassLoader(
          new URL[] {classes.toUri().toURL()}, TestCompiler.class.getClassLoader());
    } catch (MalformedURLException e) {
      throw new UncheckedIOException(e);
    }
  }
}
