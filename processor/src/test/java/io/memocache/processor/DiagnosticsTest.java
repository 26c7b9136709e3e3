package io.memocache.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.memocache.processor.Sources.compile;
import static io.memocache.processor.Sources.file;

import com.google.testing.compile.Compilation;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** SPEC section 8: every misuse is a tagged error on the offending element, and nothing else. */
class DiagnosticsTest {
  /** Asserts the compilation failed with only memocache's own errors, no broken generated code. */
  private static void onlyOurErrors(Compilation compilation) {
    assertThat(compilation).failed();
    for (Diagnostic<? extends JavaFileObject> error : compilation.errors()) {
      assertThat(error.getMessage(null)).startsWith("[Memo");
    }
  }

  /** Generated code needs Java 17: below that, one clear error instead of errors inside it. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"-source 8 -target 8 | 8", "--release 11 | 11", "--release 16 | 16"})
  void sourceLevelBelow17_isOneErrorOnTheFirstAnnotatedMethod(String options, String level) {
    JavaFileObject first =
        file("Foo", "import io.memocache.Memo;", "class Foo {", "  @Memo int load(int id) { return id; }", "}");
    JavaFileObject second =
        file("Bar", "import io.memocache.Memo;", "class Bar {", "  @Memo int size(int id) { return id; }", "}");
    Compilation compilation =
        javac()
            .withProcessors(new MemoProcessor())
            .withOptions((Object[]) (options + " -Xlint:-options").split(" "))
            .compile(first, second);
    onlyOurErrors(compilation);
    assertThat(compilation)
        .hadErrorContaining(
            "[MemoSourceLevel] @Memo method 'load' is compiled for Java "
                + level
                + ", but memocache generates Java 17 code: compile with --release 17 or newer")
        .inFile(first)
        .onLineContaining("int load");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void privateMethod_isAnErrorOnTheMethod() {
    JavaFileObject source =
        file("Foo", "import io.memocache.Memo;", "class Foo {", "  @Memo private int load(int id) { return id; }", "}");
    Compilation compilation = compile(source);
    onlyOurErrors(compilation);
    assertThat(compilation)
        .hadErrorContaining("[MemoPrivate] @Memo method 'load' must not be private")
        .inFile(source)
        .onLineContaining("private int load");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void finalInstanceMethod_isAnErrorOnTheMethod() {
    JavaFileObject source =
        file("Foo", "import io.memocache.Singleton;", "class Foo {", "  @Singleton final Object pool() { return new Object(); }", "}");
    Compilation compilation = compile(source);
    onlyOurErrors(compilation);
    assertThat(compilation)
        .hadErrorContaining("[MemoFinal] @Singleton method 'pool' must not be final")
        .inFile(source)
        .onLineContaining("final Object pool()");
  }

  @Test
  void staticFinalMethod_inAClassFooCachedExtends_isAnError() {
    JavaFileObject source =
        file(
            "Foo",
            "import io.memocache.Memo;",
            "class Foo {",
            "  @Memo int load(int id) { return id; }",
            "  @Memo static final int twice(int x) { return 2 * x; }",
            "}");
    Compilation compilation = compile(source);
    onlyOurErrors(compilation);
    assertThat(compilation)
        .hadErrorContaining("[MemoFinal] @Memo method 'twice' is static final")
        .inFile(source)
        .onLineContaining("static final int twice");
  }

  @Test
  void abstractMethod_isAnErrorOnTheMethod() {
    JavaFileObject source =
        file("Foo", "import io.memocache.Memo;", "abstract class Foo {", "  @Memo abstract int load(int id);", "}");
    Compilation compilation = compile(source);
    onlyOurErrors(compilation);
    assertThat(compilation)
        .hadErrorContaining("[MemoAbstract] @Memo method 'load' is abstract")
        .inFile(source)
        .onLineContaining("abstract int load");
  }

  @Test
  void interfaceMethod_isAnErrorOnTheMethod() {
    JavaFileObject source =
        file("Foo", "import io.memocache.Memo;", "interface Foo {", "  @Memo default int load(int id) { return id; }", "}");
    Compilation compilation = compile(source);
    onlyOurErrors(compilation);
    assertThat(compilation)
        .hadErrorContaining("[MemoInterface] @Memo method 'load' is declared in interface 'Foo'")
        .inFile(source)
        .onLineContaining("default int load");
  }

  @Test
  void voidMethod_isAnErrorOnTheMethod() {
    JavaFileObject source =
        file("Foo", "import io.memocache.Memo;", "class Foo {", "  @Memo void warmUp(int id) {}", "}");
    Compilation compilation = compile(source);
    onlyOurErrors(compilation);
    assertThat(compilation)
        .hadErrorContaining("[MemoVoid] @Memo method 'warmUp' returns void")
        .inFile(source)
        .onLineContaining("void warmUp");
  }

  @Test
  void bothAnnotations_isAnErrorOnTheMethod() {
    JavaFileObject source =
        file(
            "Foo",
            "import io.memocache.Memo;",
            "import io.memocache.Singleton;",
            "class Foo {",
            "  @Memo @Singleton Object both(int id) { return id; }",
            "}");
    Compilation compilation = compile(source);
    onlyOurErrors(compilation);
    assertThat(compilation)
        .hadErrorContaining("[MemoBothAnnotations] method 'both' has both @Memo and @Singleton")
        .inFile(source)
        .onLineContaining("Object both");
  }

  @Test
  void nonStaticInnerClass_isAnErrorOnTheMethod() {
    JavaFileObject source =
        file(
            "Outer",
            "import io.memocache.Memo;",
            "class Outer {",
            "  class Inner {",
            "    @Memo int load(int id) { return id; }",
            "  }",
            "}");
    Compilation compilation = compile(source);
    onlyOurErrors(compilation);
    assertThat(compilation)
        .hadErrorContaining("[MemoInnerClass] @Memo method 'load' is in inner class 'Inner'")
        .inFile(source)
        .onLineContaining("int load");
  }

  @Test
  void privateNestedClass_isAnErrorOnTheMethod() {
    JavaFileObject source =
        file(
            "Outer",
            "import io.memocache.Memo;",
            "class Outer {",
            "  private static class Hidden {",
            "    @Memo int load(int id) { return id; }",
            "  }",
            "}");
    Compilation compilation = compile(source);
    onlyOurErrors(compilation);
    assertThat(compilation)
        .hadErrorContaining("[MemoPrivateClass] @Memo method 'load' is in private class 'Hidden'")
        .inFile(source)
        .onLineContaining("int load");
  }

  @Test
  void localClass_isAnErrorOnTheMethod() {
    JavaFileObject source =
        file(
            "Foo",
            "import io.memocache.Memo;",
            "class Foo {",
            "  void run() {",
            "    class Local {",
            "      @Memo int load(int id) { return id; }",
            "    }",
            "  }",
            "}");
    Compilation compilation = compile(source);
    onlyOurErrors(compilation);
    assertThat(compilation)
        .hadErrorContaining("[MemoLocalClass] @Memo method 'load' is in a local or anonymous class")
        .inFile(source)
        .onLineContaining("int load");
  }

  @Test
  void anonymousClass_isAnErrorOnTheMethod() {
    JavaFileObject source =
        file(
            "Foo",
            "import io.memocache.Singleton;",
            "class Foo {",
            "  Object field = new Object() {",
            "    @Singleton Object pool() { return new Object(); }",
            "  };",
            "}");
    Compilation compilation = compile(source);
    onlyOurErrors(compilation);
    assertThat(compilation)
        .hadErrorContaining("[MemoLocalClass] @Singleton method 'pool'")
        .inFile(source)
        .onLineContaining("Object pool()");
  }

  @ParameterizedTest
  @ValueSource(strings = {"10 minutes", "10x", "m10", "1m30h", "PT"})
  void badTtl_isAnErrorOnTheAnnotationValue(String ttl) {
    JavaFileObject source =
        file(
            "Foo",
            "import io.memocache.Memo;",
            "class Foo {",
            "  @Memo(",
            "      ttl = \"" + ttl + "\")",
            "  int load(int id) { return id; }",
            "}");
    Compilation compilation = compile(source);
    onlyOurErrors(compilation);
    assertThat(compilation)
        .hadErrorContaining("[MemoTtl] ttl \"" + ttl + "\" of @Memo method 'load' is not a duration")
        .inFile(source)
        .onLineContaining("ttl = ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0s", "PT0S", "-PT5M", "0ms"})
  void nonPositiveTtl_isAnErrorOnTheAnnotationValue(String ttl) {
    JavaFileObject source =
        file(
            "Foo",
            "import io.memocache.Singleton;",
            "class Foo {",
            "  @Singleton(",
            "      ttl = \"" + ttl + "\")",
            "  Object pool(int id) { return id; }",
            "}");
    Compilation compilation = compile(source);
    onlyOurErrors(compilation);
    assertThat(compilation)
        .hadErrorContaining("must be positive")
        .inFile(source)
        .onLineContaining("ttl = ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-2", "-100"})
  void badMaxEntries_isAnErrorOnTheAnnotationValue(String maxEntries) {
    JavaFileObject source =
        file(
            "Foo",
            "import io.memocache.Memo;",
            "class Foo {",
            "  @Memo(",
            "      maxEntries = " + maxEntries + ")",
            "  int load(int id) { return id; }",
            "}");
    Compilation compilation = compile(source);
    onlyOurErrors(compilation);
    assertThat(compilation)
        .hadErrorContaining("[MemoMaxEntries] maxEntries " + maxEntries + " of @Memo method 'load'")
        .inFile(source)
        .onLineContaining("maxEntries = ");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Thread",
        "java.io.InputStream",
        "java.util.concurrent.locks.Lock",
        "java.sql.Connection",
        "java.util.concurrent.Future<String>",
        "java.util.concurrent.CompletableFuture<String>",
        "java.lang.ref.WeakReference<Object>",
        "java.util.Spliterator<String>"
      })
  void unhashableParameterType_isAnErrorOnTheParameter(String type) {
    JavaFileObject source =
        file(
            "Foo",
            "import io.memocache.Memo;",
            "class Foo {",
            "  @Memo int load(int id,",
            "      " + type + " resource) { return id; }",
            "}");
    Compilation compilation = compile(source);
    onlyOurErrors(compilation);
    assertThat(compilation)
        .hadErrorContaining("[MemoUnhashableParameter] parameter 'resource' of @Memo method 'load'")
        .inFile(source)
        .onLineContaining(type + " resource");
    assertThat(compilation)
        .hadErrorContaining("prefix the parameter name with '_'")
        .inFile(source)
        .onLineContaining(type + " resource");
  }

  @Test
  void unhashableParameterType_isAcceptedWhenLeftOutOfTheKey() {
    Compilation compilation =
        compile(
            file(
                "Foo",
                "import io.memocache.Memo;",
                "class Foo {",
                "  @Memo public int load(Thread _thread, java.io.InputStream _in, int id) {",
                "    return id;",
                "  }",
                "}"));
    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void userClearMethod_clashingWithAGeneratedOne_isAnErrorOnTheAnnotatedMethod() {
    JavaFileObject source =
        file(
            "Foo",
            "import io.memocache.Memo;",
            "class Foo {",
            "  @Memo int load(int id) { return id; }",
            "  void clearLoad() {}",
            "}");
    Compilation compilation = compile(source);
    onlyOurErrors(compilation);
    assertThat(compilation)
        .hadErrorContaining("[MemoClearClash] @Memo method 'load' needs a generated clearLoad()")
        .inFile(source)
        .onLineContaining("int load");
  }

  @Test
  void userClearMethodForOneEntry_clashingWithAGeneratedOne_isAnError() {
    JavaFileObject source =
        file(
            "Foo",
            "import io.memocache.Memo;",
            "class Foo {",
            "  @Memo int load(int id, String _context) { return id; }",
            "  static void clearLoad(int id) {}",
            "}");
    Compilation compilation = compile(source);
    onlyOurErrors(compilation);
    assertThat(compilation)
        .hadErrorContaining("needs a generated clearLoad(int)")
        .inFile(source)
        .onLineContaining("int load");
  }

  @Test
  void methodNamedAll_clashesWithClearAll() {
    JavaFileObject source =
        file("Foo", "import io.memocache.Memo;", "class Foo {", "  @Memo int all() { return 1; }", "}");
    Compilation compilation = compile(source);
    onlyOurErrors(compilation);
    assertThat(compilation)
        .hadErrorContaining("[MemoClearClash] @Memo method 'all' needs a generated clearAll()")
        .inFile(source)
        .onLineContaining("int all()");
  }

  @Test
  void userClearAllMethod_isAnErrorOnThatMethod() {
    JavaFileObject source =
        file(
            "Foo",
            "import io.memocache.Memo;",
            "class Foo {",
            "  @Memo int load(int id) { return id; }",
            "  void clearAll() {}",
            "}");
    Compilation compilation = compile(source);
    onlyOurErrors(compilation);
    assertThat(compilation)
        .hadErrorContaining("[MemoClearClash] Foo_Cached generates clearAll()")
        .inFile(source)
        .onLineContaining("void clearAll()");
  }

  @Test
  void overloadsWithTheSameKeyParameters_clashInTheirClearMethods() {
    JavaFileObject source =
        file(
            "Foo",
            "import io.memocache.Memo;",
            "class Foo {",
            "  @Memo int get(int id, String _name) { return id; }",
            "  @Memo int get(int id, Long _version) { return id; }",
            "}");
    Compilation compilation = compile(source);
    onlyOurErrors(compilation);
    assertThat(compilation)
        .hadErrorContaining("needs a generated clearGet(int), which clashes with the clear method")
        .inFile(source)
        .onLineContaining("Long _version");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void existingTypeNamedLikeTheGeneratedClass_isAnErrorOnTheClass() {
    JavaFileObject source =
        file("Foo", "import io.memocache.Memo;", "class Foo {", "  @Memo int load(int id) { return id; }", "}");
    JavaFileObject existing = file("Foo_Cached", "class Foo_Cached {}");
    Compilation compilation = compile(source, existing);
    onlyOurErrors(compilation);
    assertThat(compilation)
        .hadErrorContaining("[MemoCachedTypeExists] class Foo_Cached is generated for 'Foo'")
        .inFile(source)
        .onLineContaining("class Foo");
  }

  @Test
  void twoClassesGeneratingTheSameName_isAnErrorOnTheSecond() {
    JavaFileObject nested =
        file(
            "Outer",
            "import io.memocache.Memo;",
            "class Outer {",
            "  static class Inner {",
            "    @Memo int load(int id) { return id; }",
            "  }",
            "}");
    JavaFileObject topLevel =
        file("Outer_Inner", "import io.memocache.Memo;", "class Outer_Inner {", "  @Memo int load(int id) { return id; }", "}");
    Compilation compilation = compile(nested, topLevel);
    onlyOurErrors(compilation);
    assertThat(compilation)
        .hadErrorContaining("[MemoGeneratedNameClash]")
        .inFile(topLevel)
        .onLineContaining("class Outer_Inner");
  }

  @Test
  void everyErrorInOneClass_isReportedTogether() {
    JavaFileObject source =
        file(
            "Foo",
            "import io.memocache.Memo;",
            "class Foo {",
            "  @Memo private int hidden(int id) { return id; }",
            "  @Memo void nothing(int id) {}",
            "  @Memo(maxEntries = 0) int unbounded(int id) { return id; }",
            "}");
    Compilation compilation = compile(source);
    onlyOurErrors(compilation);
    assertThat(compilation).hadErrorCount(3);
    assertThat(compilation).hadErrorContaining("[MemoPrivate]");
    assertThat(compilation).hadErrorContaining("[MemoVoid]");
    assertThat(compilation).hadErrorContaining("[MemoMaxEntries]");
  }

  @ParameterizedTest
  @ValueSource(strings = {"500ms", "30s", "10m", "2h", "1d", "1h30m", "PT10M", "P1DT2H"})
  void validTtl_compilesWithoutWarnings(String ttl) {
    Compilation compilation =
        compile(
            file(
                "Foo",
                "import io.memocache.Memo;",
                "class Foo {",
                "  @Memo(ttl = \"" + ttl + "\", maxEntries = 10) int load(int id) { return id; }",
                "}"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("test.Foo_Cached")
        .contentsAsUtf8String()
        .contains(".expireAfterWrite(Duration.parse(\"");
  }
}
