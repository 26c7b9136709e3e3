package io.memocache.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.memocache.processor.Sources.compile;
import static io.memocache.processor.Sources.file;

import com.google.testing.compile.Compilation;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * SPEC section 9: {@code @Memo(persist = true)} is accepted for storable types and marks the cache
 * persisted; a result or key parameter type that can never be stored is {@code [MemoUnpersistable]}
 * on that element.
 */
class PersistTest {
  private static String generated(Compilation compilation) {
    try {
      return compilation
          .generatedSourceFile("test.Foo_Cached")
          .orElseThrow()
          .getCharContent(true)
          .toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Asserts the compilation failed with exactly one error, ours, on the line given. */
  private static void unpersistable(
      Compilation compilation, JavaFileObject source, String message, String line) {
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    for (Diagnostic<? extends JavaFileObject> error : compilation.errors()) {
      assertThat(error.getMessage(null)).startsWith("[MemoUnpersistable]");
    }
    assertThat(compilation).hadErrorContaining(message).inFile(source).onLineContaining(line);
  }

  @Test
  void persistedMemo_ofStorableTypes_compilesCleanly_andItsCacheIsPersisted() {
    Compilation compilation =
        compile(
            file(
                "Foo",
                "import io.memocache.Memo;",
                "import java.util.List;",
                "import java.util.Map;",
                "class Foo {",
                "  record Row(String name, List<Integer> values) {}",
                "  @Memo(persist = true, ttl = \"1h\")",
                "  List<Row> rows(Map<String, Integer> filter, java.io.InputStream _in) {",
                "    return List.of();",
                "  }",
                "  @Memo int plain(int id) { return id; }",
                "}"));
    assertThat(compilation).succeededWithoutWarnings();
    String source = generated(compilation);
    int rows = source.indexOf("\"rows\"");
    int plain = source.indexOf("\"plain\"");
    assertThat(source.substring(rows, plain)).contains(".persisted()");
    assertThat(source.substring(plain, source.indexOf(';', plain))).doesNotContain(".persisted()");
  }

  /**
   * SPEC section 9: the generated code of a persisted method hands the raw key arguments (not the
   * unkeyed {@code _in}) to the runtime on the miss path and to the one-entry clear, so the store
   * can be read, written and cleared; the hit path and plain methods stay as they are.
   */
  @Test
  void persistedMemo_passesTheRawKeyArgumentsOnTheMissPathAndToItsClear() {
    Compilation compilation =
        compile(
            file(
                "Foo",
                "import io.memocache.Memo;",
                "import java.util.List;",
                "import java.util.Map;",
                "class Foo {",
                "  @Memo(persist = true)",
                "  List<String> rows(Map<String, Integer> filter, int page, java.io.InputStream"
                    + " _in) {",
                "    return List.of();",
                "  }",
                "  @Memo(persist = true) String constant() { return \"\"; }",
                "  @Memo int plain(int id) { return id; }",
                "}"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("test.Foo_Cached")
        .contentsAsUtf8String()
        .contains(
            "MethodCache.memo(Foo.class, \"rows\","
                + " \"(Ljava/util/Map;ILjava/io/InputStream;)Ljava/util/List;\")\n"
                + "      .parameterTypes(\"Map<String, Integer>\", \"int\", \"InputStream\")");
    String source = generated(compilation);
    assertThat(source).contains("Object value = ROWS_CACHE.getIfPresent(key);");
    assertThat(source).contains("value = ROWS_CACHE.begin(key, new Object[] {filter, page});");
    assertThat(source)
        .contains(
            "ROWS_CACHE.invalidate(Keys.of(ROWS_CACHE.contentKey(0, filter), page),"
                + " new Object[] {filter, page});");
    assertThat(source).contains("value = CONSTANT_CACHE.begin(key, new Object[] {});");
    assertThat(source).contains("value = PLAIN_CACHE.begin(Keys.of(id));");
    assertThat(source).contains("PLAIN_CACHE.invalidate(Keys.of(id));");
  }

  @Test
  void persistFalse_isAPlainMemo() {
    Compilation compilation =
        compile(
            file(
                "Foo",
                "import io.memocache.Memo;",
                "import java.util.function.Function;",
                "class Foo {",
                "  @Memo(persist = false) int load(Function<String, Integer> f) { return 1; }",
                "}"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(generated(compilation)).doesNotContain(".persisted()");
  }

  @Test
  void futureResults_arePersistedByTheirValue_andMarkedAsync() {
    Compilation compilation =
        compile(
            file(
                "Foo",
                "import io.memocache.Memo;",
                "import java.util.List;",
                "import java.util.concurrent.CompletableFuture;",
                "import java.util.concurrent.CompletionStage;",
                "class Foo {",
                "  record Row(String name, List<Integer> values) {}",
                "  @Memo(persist = true) CompletableFuture<String> load(int id) { return null; }",
                "  @Memo(persist = true, ttl = \"1h\")",
                "  static CompletionStage<List<Row>> rows(String query) { return null; }",
                "}"));
    assertThat(compilation).succeededWithoutWarnings();
    String source = generated(compilation);
    assertThat(source).containsMatch("(?s)\\.persisted\\(\\)\\s*\\.async\\(\\)");
    assertThat(source.split("\\.persisted\\(\\)", -1)).hasLength(3);
  }

  @Test
  void futureResult_whoseValueCanNeverBeStored_isAnErrorNamingTheValueType() {
    JavaFileObject holdsThread =
        file(
            "Foo",
            "import io.memocache.Memo;",
            "import java.util.concurrent.CompletableFuture;",
            "class Foo {",
            "  @Memo(persist = true) CompletableFuture<Thread> load(int id) { return null; }",
            "}");
    unpersistable(
        compile(holdsThread),
        holdsThread,
        "[MemoUnpersistable] the future's value of @Memo(persist = true) method 'load' is a"
            + " Thread which can never be stored: drop persist = true, or return the data the"
            + " Thread stands for",
        "CompletableFuture<Thread> load");

    JavaFileObject holdsSocket =
        file(
            "Foo",
            "import io.memocache.Memo;",
            "import java.util.List;",
            "import java.util.concurrent.CompletionStage;",
            "class Foo {",
            "  @Memo(persist = true)",
            "  CompletionStage<? extends List<java.net.Socket>> open(String host) { return null; }",
            "}");
    unpersistable(
        compile(holdsSocket),
        holdsSocket,
        "the future's value of @Memo(persist = true) method 'open' is a List<Socket>, holding a"
            + " java.net.Socket, which can never be stored",
        "open(String host)");
  }

  @Test
  void futureOfAFuture_isAnErrorOnTheMethod_namingTheFlatFuture() {
    JavaFileObject nested =
        file(
            "Foo",
            "import io.memocache.Memo;",
            "import java.util.List;",
            "import java.util.concurrent.CompletableFuture;",
            "class Foo {",
            "  @Memo(persist = true)",
            "  CompletableFuture<CompletableFuture<List<String>>> names(String group) {",
            "    return null;",
            "  }",
            "}");
    unpersistable(
        compile(nested),
        nested,
        "[MemoUnpersistable] @Memo(persist = true) method 'names' returns a future of a future,"
            + " CompletableFuture<CompletableFuture<List<String>>>, whose value, a future, can"
            + " never be stored: return CompletableFuture<List<String>>, composing the inner"
            + " future with thenCompose",
        "names(String group)");

    JavaFileObject stageOfStage =
        file(
            "Foo",
            "import io.memocache.Memo;",
            "import java.util.concurrent.CompletionStage;",
            "class Foo {",
            "  @Memo(persist = true)",
            "  static CompletionStage<? extends CompletionStage<Integer>> count(String group) {",
            "    return null;",
            "  }",
            "}");
    unpersistable(
        compile(stageOfStage),
        stageOfStage,
        "method 'count' returns a future of a future, CompletionStage<? extends"
            + " CompletionStage<Integer>>, whose value, a future, can never be stored: return"
            + " CompletionStage<Integer>,",
        "count(String group)");
  }

  @Test
  void futureDeeperInAFuturesValue_isAnErrorOnTheMethod() {
    JavaFileObject source =
        file(
            "Foo",
            "import io.memocache.Memo;",
            "import java.util.List;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.CompletionStage;",
            "class Foo {",
            "  @Memo(persist = true)",
            "  CompletableFuture<List<CompletionStage<String>>> pages(int id) { return null; }",
            "}");
    unpersistable(
        compile(source),
        source,
        "the future's value of @Memo(persist = true) method 'pages' is a"
            + " List<CompletionStage<String>>, holding a java.util.concurrent.CompletionStage,"
            + " which can never be stored",
        "pages(int id)");
  }

  @Test
  void futureOfAFuture_withoutPersist_compilesCleanly() {
    // Not persisted, nothing reaches a store: a @Singleton shares the inner future by reference,
    // and a @Memo fails each call with UncopyableResultException (a future has no copy), as any
    // uncopyable result does (SPEC 5).
    Compilation compilation =
        compile(
            file(
                "Foo",
                "import io.memocache.Memo;",
                "import io.memocache.Singleton;",
                "import java.util.concurrent.CompletableFuture;",
                "class Foo {",
                "  @Memo CompletableFuture<CompletableFuture<String>> memo(int id) { return null; }",
                "  @Singleton",
                "  CompletableFuture<CompletableFuture<String>> shared(int id) { return null; }",
                "}"));
    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void streamResult_isAnErrorOnTheMethod() {
    JavaFileObject source =
        file(
            "Foo",
            "import io.memocache.Memo;",
            "class Foo {",
            "  @Memo(persist = true)",
            "  java.io.InputStream open(String name) { return null; }",
            "}");
    unpersistable(
        compile(source),
        source,
        "[MemoUnpersistable] the result of @Memo(persist = true) method 'open' is an InputStream"
            + " which can never be stored: drop persist = true, or return the data the InputStream"
            + " stands for",
        "InputStream open(");
  }

  @Test
  void futureResult_isAnErrorOnTheMethod() {
    JavaFileObject source =
        file(
            "Foo",
            "import io.memocache.Memo;",
            "import java.util.concurrent.Future;",
            "class Foo {",
            "  @Memo(persist = true) Future<String> start(int id) { return null; }",
            "}");
    unpersistable(
        compile(source),
        source,
        "method 'start' is a Future<String>, a java.util.concurrent.Future, which can never be"
            + " stored: drop persist = true",
        "Future<String> start(");
  }

  @Test
  void recordResultHoldingALock_isAnErrorOnTheMethod() {
    JavaFileObject source =
        file(
            "Foo",
            "import io.memocache.Memo;",
            "import java.util.concurrent.locks.ReentrantLock;",
            "class Foo {",
            "  record Guarded(String name, ReentrantLock lock) {}",
            "  @Memo(persist = true) Guarded guarded(String name) { return null; }",
            "}");
    unpersistable(
        compile(source),
        source,
        "method 'guarded' is a Guarded, holding a java.util.concurrent.locks.Lock, which can never"
            + " be stored: drop persist = true",
        "Guarded guarded(");
  }

  @Test
  void keyParameterHoldingAThread_isAnErrorOnTheParameter() {
    JavaFileObject source =
        file(
            "Foo",
            "import io.memocache.Memo;",
            "import java.util.List;",
            "class Foo {",
            "  @Memo(persist = true)",
            "  int count(String name,",
            "      List<Thread> workers) {",
            "    return 0;",
            "  }",
            "}");
    unpersistable(
        compile(source),
        source,
        "[MemoUnpersistable] parameter 'workers' of @Memo(persist = true) method 'count' is a"
            + " List<Thread>, holding a java.lang.Thread, which can never be stored: prefix the"
            + " parameter name with '_' to leave it out of the key, or drop persist = true",
        "List<Thread> workers");
  }

  @Test
  void lambdaKeyParameter_isAnErrorOnTheParameter() {
    JavaFileObject source =
        file(
            "Foo",
            "import io.memocache.Memo;",
            "import java.util.function.Function;",
            "class Foo {",
            "  @Memo(persist = true)",
            "  int apply(int x,",
            "      Function<Integer, Integer> f) {",
            "    return f.apply(x);",
            "  }",
            "}");
    unpersistable(
        compile(source),
        source,
        "parameter 'f' of @Memo(persist = true) method 'apply' is a Function<Integer, Integer>, a"
            + " java.util.function.Function, which can never be stored: prefix the parameter name"
            + " with '_'",
        "Function<Integer, Integer> f");
  }

  @Test
  void unstorableParameter_leftOutOfTheKey_isAccepted() {
    Compilation compilation =
        compile(
            file(
                "Foo",
                "import io.memocache.Memo;",
                "import java.util.function.Function;",
                "class Foo {",
                "  @Memo(persist = true)",
                "  int apply(int x, Function<Integer, Integer> _f, Thread _worker) {",
                "    return _f.apply(x);",
                "  }",
                "}"));
    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void unhashableKeyParameter_isReportedOnceAsUnhashable() {
    JavaFileObject source =
        file(
            "Foo",
            "import io.memocache.Memo;",
            "class Foo {",
            "  @Memo(persist = true) int load(Thread worker) { return 0; }",
            "}");
    Compilation compilation = compile(source);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[MemoUnhashableParameter] parameter 'worker'")
        .inFile(source)
        .onLineContaining("Thread worker");
  }

  @Test
  void singleton_hasNoPersistAttribute() {
    JavaFileObject source =
        file(
            "Foo",
            "import io.memocache.Singleton;",
            "class Foo {",
            "  @Singleton(persist = true) Object pool(String name) { return name; }",
            "}");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining("persist")
        .inFile(source)
        .onLineContaining("@Singleton(persist = true)");
  }
}
