package io.memocache.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static io.memocache.processor.Sources.file;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import javax.annotation.processing.Processor;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * SPEC section 3: the output is the same whatever the order of processors on the path. Lombok
 * rewrites a class in the round it appears; listed after memocache, its constructors and its
 * {@code final} are not there yet when memocache first sees the class.
 */
class ProcessorOrderTest {
  private static final JavaFileObject PRICES =
      file(
          "Prices",
          "import io.memocache.Memo;",
          "import lombok.RequiredArgsConstructor;",
          "@RequiredArgsConstructor",
          "public class Prices {",
          "  private final String currency;",
          "  @Memo public String price(int id) { return id + \" \" + currency; }",
          "}");

  private static final JavaFileObject POINT =
      file(
          "Point",
          "import io.memocache.Memo;",
          "@lombok.Value",
          "public class Point {",
          "  int x;",
          "  int y;",
          "  @Memo public double length() { return Math.hypot(x, y); }",
          "  @Memo public Point scaled(int k) { return new Point(x * k, y * k); }",
          "}");

  /** Lombok's javac processor, as its jar registers it (the class is public, its holder is not). */
  private static Processor lombok() {
    try {
      return (Processor)
          Class.forName("lombok.launch.AnnotationProcessorHider$AnnotationProcessor")
              .getConstructor()
              .newInstance();
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("lombok is a test dependency of this module", e);
    }
  }

  private static Compilation compile(Processor first, Processor second, JavaFileObject source) {
    Compilation compilation =
        javac()
            .withProcessors(first, second)
            .withOptions("-Xlint:all,-processing")
            .compile(source);
    assertThat(compilation).succeededWithoutWarnings();
    return compilation;
  }

  private static String generated(Compilation compilation, String name) throws IOException {
    return compilation
        .generatedSourceFile("test." + name)
        .orElseThrow()
        .getCharContent(false)
        .toString();
  }

  @Test
  void lombokConstructors_areMirroredWithMemocacheListedFirstOrLast() throws IOException {
    String memocacheFirst =
        generated(
            compile(new MemoProcessor(), lombok(), PRICES),
            "Prices_Cached");
    String memocacheLast =
        generated(
            compile(lombok(), new MemoProcessor(), PRICES),
            "Prices_Cached");
    assertThat(memocacheFirst).contains("public Prices_Cached(String currency) {");
    assertThat(memocacheFirst).isEqualTo(memocacheLast);
  }

  @Test
  void lombokValueClass_getsADelegateWithMemocacheListedFirstOrLast() throws IOException {
    String memocacheFirst =
        generated(
            compile(new MemoProcessor(), lombok(), POINT),
            "Point_Cached");
    String memocacheLast =
        generated(
            compile(lombok(), new MemoProcessor(), POINT),
            "Point_Cached");
    assertThat(memocacheFirst).contains("public Point_Cached(Point delegate)");
    // SPEC 5: a @Value class is final with final fields of immutable types: never copied.
    assertThat(memocacheFirst)
        .contains(
            "MethodCache.memo(Point.class, \"scaled\", \"(I)Ltest/Point;\")\n"
                + "      .parameterTypes(\"int\")\n      .keyParameters(\"k\")\n"
                + "      .immutableValues()");
    assertThat(memocacheFirst).isEqualTo(memocacheLast);
  }
}
