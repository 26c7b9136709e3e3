package io.memocache.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.memocache.processor.Sources.compile;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One checked-in generated class per shape, compared as source: guards against output that is
 * correct but weird. Library: subclass with constructors, static method, ttl and bounds; Numbers:
 * static methods only; Settings: delegate of a final class; Report: abstract; Repo: generic;
 * Quotes: async (one persisted) and refreshAfter memos; Pools: singletons with validate and
 * onRelease (instance and static hooks, one with refreshAfter).
 */
class GoldenTest {
  @ParameterizedTest
  @ValueSource(strings = {"Library", "Numbers", "Settings", "Report", "Repo", "Quotes", "Pools"})
  void generatedClass_matchesTheCheckedInGoldenFile(String name) {
    JavaFileObject source = JavaFileObjects.forResource(resource("golden/" + name + ".java"));
    Compilation compilation = compile(source);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("golden." + name + "_Cached")
        .hasSourceEquivalentTo(
            JavaFileObjects.forSourceString(
                "golden." + name + "_Cached", text("golden/" + name + "_Cached.java.expected")));
  }

  private static URL resource(String path) {
    URL url = GoldenTest.class.getClassLoader().getResource(path);
    if (url == null) {
      throw new IllegalStateException("missing test resource " + path);
    }
    return url;
  }

  private static String text(String path) {
    try (var in = resource(path).openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
