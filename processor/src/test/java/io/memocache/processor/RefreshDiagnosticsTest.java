package io.memocache.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.memocache.processor.Sources.compile;
import static io.memocache.processor.Sources.file;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SPEC section 12: refreshAfter is a positive duration shorter than the ttl ([MemoRefresh]). */
class RefreshDiagnosticsTest {
  private static JavaFileObject foo(String attributes) {
    return file(
        "Foo",
        "import io.memocache.Memo;",
        "class Foo {",
        "  @Memo(",
        "      " + attributes + ")",
        "  String load(String id) { return id; }",
        "}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"soon", "10 minutes", "0s", "-PT1M"})
  void badRefreshAfter_isAnErrorOnTheAttribute(String refreshAfter) {
    JavaFileObject source = foo("refreshAfter = \"" + refreshAfter + "\"");
    Compilation compilation = compile(source);
    assertThat(compilation)
        .hadErrorContaining(
            "[MemoRefresh] refreshAfter \""
                + refreshAfter
                + "\" of @Memo method 'load' is not a positive duration")
        .inFile(source)
        .onLineContaining("refreshAfter = ");
    assertThat(compilation).hadErrorCount(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"10m", "1h"})
  void refreshAfterNotShorterThanTtl_isAnErrorOnTheAttribute(String refreshAfter) {
    JavaFileObject source = foo("ttl = \"10m\", refreshAfter = \"" + refreshAfter + "\"");
    Compilation compilation = compile(source);
    assertThat(compilation)
        .hadErrorContaining(
            "[MemoRefresh] refreshAfter \""
                + refreshAfter
                + "\" of @Memo method 'load' is not shorter than its ttl, so entries would expire"
                + " before they are refreshed: make refreshAfter shorter than the ttl, or drop one"
                + " of them")
        .inFile(source)
        .onLineContaining("refreshAfter = ");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void refreshAfter_compilesWithoutWarnings_inEveryShape() {
    JavaFileObject subclass =
        file(
            "Foo",
            "import io.memocache.Memo;",
            "import io.memocache.Singleton;",
            "import java.util.List;",
            "class Foo<T> {",
            "  @Memo(refreshAfter = \"1m\", ttl = \"PT10M\")",
            "  <E extends Comparable<E>> List<E> sorted(List<E> items, Object _context)",
            "      throws java.io.IOException { return items; }",
            "  @Singleton(refreshAfter = \"30s\")",
            "  static List<String> pool(String... parts) { return List.of(parts); }",
            "  @Memo(refreshAfter = \"1s\")",
            "  int size(int[] values) { return values.length; }",
            "}");
    JavaFileObject delegate =
        file(
            "Bar",
            "import io.memocache.Memo;",
            "final class Bar {",
            "  @Memo(refreshAfter = \"500ms\")",
            "  String name(String id) { return id; }",
            "}");
    Compilation compilation = compile(subclass, delegate);
    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void refreshAfterOnAnAsyncMethod_isAnErrorOnTheAttribute() {
    JavaFileObject source =
        file(
            "Foo",
            "import io.memocache.Memo;",
            "import java.util.concurrent.CompletableFuture;",
            "class Foo {",
            "  @Memo(",
            "      refreshAfter = \"1m\")",
            "  CompletableFuture<String> load(String id) { return null; }",
            "}");
    Compilation compilation = compile(source);
    assertThat(compilation)
        .hadErrorContaining(
            "[MemoRefresh] refreshAfter is not supported on @Memo method 'load', which returns a"
                + " future: drop refreshAfter, or use ttl")
        .inFile(source)
        .onLineContaining("refreshAfter = ");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void asyncMethods_compileWithoutWarnings_inEveryShape() {
    JavaFileObject source =
        file(
            "Foo",
            "import io.memocache.Memo;",
            "import io.memocache.Singleton;",
            "import java.util.List;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.CompletionStage;",
            "class Foo<T> {",
            "  @Memo(ttl = \"1m\", maxEntries = 10)",
            "  CompletableFuture<List<T>> items(String id) { return null; }",
            "  @Memo",
            "  static CompletionStage<? extends Number> count(String id) { return null; }",
            "  @Singleton(onRelease = \"close\")",
            "  <C> CompletableFuture<C> client(Class<C> type) { return null; }",
            "  void close(Object client) {}",
            "}");
    Compilation compilation = compile(source);
    assertThat(compilation).succeededWithoutWarnings();
  }
}
