package io.memocache.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.memocache.processor.Sources.compile;
import static io.memocache.processor.Sources.file;

import com.google.testing.compile.Compilation;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** SPEC section 12: a misnamed or ill-typed validate or onRelease method is a [MemoLifecycle]. */
class LifecycleDiagnosticsTest {
  private static final String POOL = "  static final class Pool {}";

  /** A class with one {@code @Singleton pool(String url)} and the given attribute and members. */
  private static JavaFileObject foo(String attribute, String... members) {
    String[] lines = new String[members.length + 7];
    lines[0] = "import io.memocache.Singleton;";
    lines[1] = "class Foo {";
    lines[2] = POOL;
    lines[3] = "  @Singleton(";
    lines[4] = "      " + attribute + ")";
    lines[5] = "  Pool pool(String url) { return new Pool(); }";
    System.arraycopy(members, 0, lines, 6, members.length);
    lines[lines.length - 1] = "}";
    return file("Foo", lines);
  }

  private static void failsWith(JavaFileObject source, String message, String line) {
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    for (Diagnostic<? extends JavaFileObject> error : compilation.errors()) {
      assertThat(error.getMessage(null)).startsWith("[MemoLifecycle]");
    }
    assertThat(compilation).hadErrorContaining(message).inFile(source).onLineContaining(line);
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void missingMethod_isAnErrorOnTheAttribute() {
    failsWith(
        foo("validate = \"isUsable\""),
        "[MemoLifecycle] validate method 'isUsable' of @Singleton method 'pool' does not exist in"
            + " Foo: declare boolean isUsable(Pool value) in Foo, or correct the name",
        "validate = ");
  }

  @Test
  void privateMethod_isAnErrorOnTheAttribute() {
    failsWith(
        foo("onRelease = \"shutdown\"", "  private void shutdown(Pool pool) {}"),
        "[MemoLifecycle] onRelease method 'shutdown' of @Singleton method 'pool' must not be"
            + " private: make it package-private or wider",
        "onRelease = ");
  }

  @Test
  void wrongParameterType_isAnErrorOnTheAttribute() {
    failsWith(
        foo("onRelease = \"shutdown\"", "  void shutdown(String pool) {}"),
        "[MemoLifecycle] onRelease method 'shutdown' of @Singleton method 'pool' must take one"
            + " parameter that accepts pool's result, a Pool: declare it as void shutdown(Pool"
            + " value)",
        "onRelease = ");
  }

  @Test
  void wrongReturnType_isAnErrorOnTheAttribute() {
    failsWith(
        foo("validate = \"isUsable\"", "  void isUsable(Pool pool) {}"),
        "[MemoLifecycle] validate method 'isUsable' of @Singleton method 'pool' must return"
            + " boolean, not void: declare it as boolean isUsable(Pool value)",
        "validate = ");
  }

  @Test
  void ambiguousOverloads_areAnErrorOnTheAttribute() {
    failsWith(
        foo(
            "onRelease = \"shutdown\"",
            "  void shutdown(Pool pool) {}",
            "  void shutdown(Object pool) {}"),
        "[MemoLifecycle] onRelease method 'shutdown' of @Singleton method 'pool' is ambiguous: 2"
            + " overloads accept a Pool; give the one to use a name of its own",
        "onRelease = ");
  }

  @Test
  void instanceHookOfAStaticMethod_isAnErrorOnTheAttribute() {
    JavaFileObject source =
        file(
            "Foo",
            "import io.memocache.Singleton;",
            "class Foo {",
            POOL,
            "  @Singleton(",
            "      validate = \"isUsable\")",
            "  static Pool pool(String url) { return new Pool(); }",
            "  boolean isUsable(Pool pool) { return true; }",
            "}");
    failsWith(
        source,
        "[MemoLifecycle] validate method 'isUsable' of static @Singleton method 'pool' has no"
            + " instance to run on: make 'isUsable' static",
        "validate = ");
  }

  @Test
  void validateThrowingWhatTheMethodDoesNotDeclare_isAnErrorOnTheAttribute() {
    failsWith(
        foo(
            "validate = \"isUsable\"",
            "  boolean isUsable(Pool pool) throws java.io.IOException { return true; }"),
        "[MemoLifecycle] validate method 'isUsable' of @Singleton method 'pool' throws"
            + " IOException, which 'pool' does not declare: catch it in 'isUsable', or declare it"
            + " on 'pool'",
        "validate = ");
  }

  @Test
  void rightHooks_compileWithoutWarnings_inEveryShape() {
    JavaFileObject subclass =
        file(
            "Foo",
            "import io.memocache.Singleton;",
            "import java.util.List;",
            "class Foo<T> {",
            "  @Singleton(validate = \"isUsable\", onRelease = \"shutdown\", maxEntries = 4)",
            "  List<T> pool(String url) { return List.of(); }",
            "  @Singleton(validate = \"isOpen\", onRelease = \"close\")",
            "  static Object shared(String url) { return new Object(); }",
            "  protected boolean isUsable(List<T> pool) { return true; }",
            "  void shutdown(Object pool) {}",
            "  static boolean isOpen(Object value) { return true; }",
            "  public static void close(Object value) {}",
            "}");
    JavaFileObject delegate =
        file(
            "Bar",
            "import io.memocache.Singleton;",
            "final class Bar {",
            "  @Singleton(validate = \"isUsable\", onRelease = \"shutdown\", ttl = \"1m\")",
            "  Runnable task(String name) { return () -> {}; }",
            "  boolean isUsable(Runnable task) { return true; }",
            "  void shutdown(Runnable task) {}",
            "}");
    Compilation compilation = compile(subclass, delegate);
    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void validateOnAnAsyncMethod_isAnErrorOnTheAttribute() {
    JavaFileObject source =
        file(
            "Foo",
            "import io.memocache.Singleton;",
            "import java.util.concurrent.CompletableFuture;",
            "class Foo {",
            "  @Singleton(",
            "      validate = \"isUsable\")",
            "  CompletableFuture<String> pool(String url) { return null; }",
            "  boolean isUsable(CompletableFuture<String> pool) { return true; }",
            "}");
    failsWith(
        source,
        "[MemoLifecycle] validate is not supported on @Singleton method 'pool', which returns a"
            + " future: drop validate, and fail the future instead (a failed future is removed)",
        "validate = ");
  }
}
