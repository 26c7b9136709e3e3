package io.memocache.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.memocache.processor.Sources.compile;
import static io.memocache.processor.Sources.file;

import com.google.testing.compile.Compilation;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Every method shape of SPEC section 3 compiles, and its generated code compiles without a single
 * warning under -Xlint:all. Behaviour is proven in integration-tests; this proves the shapes.
 */
class ShapesTest {
  private static Compilation compileClean(String name, String... lines) {
    Compilation compilation = compile(file(name, lines));
    assertThat(compilation).succeededWithoutWarnings();
    return compilation;
  }

  private static void assertGenerated(Compilation compilation, String name, String... fragments) {
    for (String fragment : fragments) {
      assertThat(compilation)
          .generatedSourceFile("test." + name)
          .contentsAsUtf8String()
          .contains(fragment);
    }
  }

  @Test
  void instanceMethods_subclassOverridesThemWithTheirAccess() {
    Compilation compilation =
        compileClean(
            "Foo",
            "import io.memocache.Memo;",
            "public class Foo {",
            "  @Memo public int open(int id) { return id; }",
            "  @Memo protected int guarded(int id) { return id; }",
            "  @Memo int local(int id) { return id; }",
            "}");
    assertGenerated(
        compilation,
        "Foo_Cached",
        "public class Foo_Cached extends Foo",
        "public int open(int id)",
        "protected int guarded(int id)",
        "  int local(int id)",
        "public static void clearOpen(int id)",
        "public static void clearAll()");
  }

  /**
   * Every access a cached method may have, static and instance, in a class Foo_Cached extends and
   * in a final class it delegates to. Instance methods keep their access; a static method's cached
   * version is {@code public static} whatever its access (SPEC section 3): it lives on a final
   * holder that nobody subclasses, so {@code protected} there would reach no one it is meant for.
   */
  @Test
  void everyAccess_staticAndInstance_compilesInEveryShape() {
    for (String classModifiers : new String[] {"public class", "public final class"}) {
      Compilation compilation =
          compileClean(
              "Foo",
              "import io.memocache.Memo;",
              classModifiers + " Foo {",
              "  @Memo public int open(int x) { return x; }",
              "  @Memo protected int guarded(int x) { return x; }",
              "  @Memo int local(int x) { return x; }",
              "  @Memo public static int openStatic(int x) { return x; }",
              "  @Memo protected static int guardedStatic(int x) { return x; }",
              "  @Memo static int localStatic(int x) { return x; }",
              "}");
      assertGenerated(
          compilation,
          "Foo_Cached",
          "public int open(int x)",
          "protected int guarded(int x)",
          "  int local(int x)",
          "\n  public static int openStatic(int x)",
          "\n  public static int guardedStatic(int x)",
          "\n  public static int localStatic(int x)");
    }
  }

  @Test
  void staticMethodsOnly_giveAFinalHolderWithAPrivateConstructor() {
    Compilation compilation =
        compileClean(
            "Foo",
            "import io.memocache.Memo;",
            "public class Foo {",
            "  @Memo static long fib(int n) { return n < 2 ? n : Foo_Cached.fib(n - 1) + Foo_Cached.fib(n - 2); }",
            "}");
    assertGenerated(
        compilation,
        "Foo_Cached",
        "public final class Foo_Cached {",
        "private Foo_Cached()",
        "public static long fib(int n)",
        "value = pending.succeeded(Foo.fib(n));");
  }

  @Test
  void staticAndInstanceMethods_mixInTheSubclass() {
    Compilation compilation =
        compileClean(
            "Foo",
            "import io.memocache.Memo;",
            "import io.memocache.Singleton;",
            "public class Foo {",
            "  @Memo int load(int id) { return id; }",
            "  @Singleton static Object pool(String name) { return new Object(); }",
            "}");
    assertGenerated(
        compilation, "Foo_Cached", "extends Foo", "public static Object pool(String name)");
  }

  @Test
  void finalClass_getsADelegate() {
    Compilation compilation =
        compileClean(
            "Foo",
            "import io.memocache.Memo;",
            "public final class Foo {",
            "  @Memo public String load(int id) { return \"\" + id; }",
            "}");
    assertGenerated(
        compilation,
        "Foo_Cached",
        "public final class Foo_Cached {",
        "public Foo_Cached(Foo delegate)",
        "value = pending.succeeded(this.delegate.load(id));");
  }

  @Test
  void onlyPrivateConstructors_giveADelegate() {
    Compilation compilation =
        compileClean(
            "Foo",
            "import io.memocache.Memo;",
            "public class Foo {",
            "  private Foo() {}",
            "  static Foo create() { return new Foo(); }",
            "  @Memo String load(int id) { return \"\" + id; }",
            "}");
    assertGenerated(compilation, "Foo_Cached", "public Foo_Cached(Foo delegate)");
  }

  @Test
  void recordsAndEnums_giveDelegates() {
    assertGenerated(
        compileClean(
            "Point",
            "import io.memocache.Memo;",
            "public record Point(int x, int y) {",
            "  @Memo public double distance(Point other) { return Math.hypot(x - other.x, y - other.y); }",
            "}"),
        "Point_Cached",
        "public Point_Cached(Point delegate)");
    assertGenerated(
        compileClean(
            "Color",
            "import io.memocache.Memo;",
            "public enum Color {",
            "  RED, GREEN;",
            "  @Memo public String shade(int level) { return name() + level; }",
            "}"),
        "Color_Cached",
        "public Color_Cached(Color delegate)");
  }

  @Test
  void abstractClass_givesAnAbstractSubclassWithItsConstructors() {
    Compilation compilation =
        compileClean(
            "Foo",
            "import io.memocache.Memo;",
            "public abstract class Foo {",
            "  protected Foo(String title) {}",
            "  protected abstract String body(int page);",
            "  @Memo public String render(int page) { return body(page); }",
            "}");
    assertGenerated(
        compilation,
        "Foo_Cached",
        "public abstract class Foo_Cached extends Foo",
        "public Foo_Cached(String title)");
  }

  @Test
  void nestedClassesAtAnyDepth_giveFlattenedNames() {
    Compilation compilation =
        compileClean(
            "A",
            "import io.memocache.Memo;",
            "public class A {",
            "  public static class B {",
            "    public static class C {",
            "      @Memo public int load(int id) { return id; }",
            "    }",
            "  }",
            "}");
    assertGenerated(compilation, "A_B_C_Cached", "public class A_B_C_Cached extends A.B.C");
  }

  @Test
  void genericClass_subclassKeepsTypeVariables() {
    Compilation compilation =
        compileClean(
            "Repo",
            "import io.memocache.Memo;",
            "import java.util.List;",
            "public class Repo<T extends Number> {",
            "  public Repo(List<T> items) {}",
            "  @Memo public List<T> above(T threshold) { return List.of(threshold); }",
            "}");
    assertGenerated(
        compilation,
        "Repo_Cached",
        "public class Repo_Cached<T extends Number> extends Repo<T>",
        "public Repo_Cached(List<T> items)",
        "public static <T extends Number> void clearAbove(T threshold)");
  }

  @Test
  void genericMethodsWildcardsArraysAndVarargs_compileCleanly() {
    Compilation compilation =
        compileClean(
            "Foo",
            "import io.memocache.Memo;",
            "import java.util.List;",
            "import java.util.Map;",
            "public class Foo {",
            "  @Memo public <T extends Comparable<? super T>> T max(List<? extends T> xs) {",
            "    return xs.get(0);",
            "  }",
            "  @Memo public double total(List<? extends Number> xs) { return 0; }",
            "  @Memo public int[][] grid(int[][] cells, String[] names) { return cells; }",
            "  @Memo public String join(String separator, String... parts) { return separator; }",
            "  @Memo public int sum(int... values) { return values.length; }",
            "  @SafeVarargs @SuppressWarnings(\"varargs\")",
            "  @Memo public static <T> List<T> listOf(T... items) { return List.of(items); }",
            "  @Memo public Map<String, List<Integer>> index(List<String> words) { return Map.of(); }",
            "  @Memo public Object anything(Object value) { return value; }",
            "}");
    assertGenerated(
        compilation,
        "Foo_Cached",
        "public <T extends Comparable<? super T>> T max(List<? extends T> xs)",
        "value = pending.succeeded(super.<T>max(xs));",
        "public String join(String separator, String... parts)",
        "@SafeVarargs",
        "public static <T> List<T> listOf(T... items)",
        "public Object anything(Object value)",
        "return value_;");
  }

  @Test
  void everyPrimitiveType_asParameterAndResult() {
    String[] lines = {
      "import io.memocache.Memo;",
      "public class Foo {",
      "  @Memo public boolean b(boolean x) { return x; }",
      "  @Memo public byte by(byte x) { return x; }",
      "  @Memo public short s(short x) { return x; }",
      "  @Memo public char c(char x) { return x; }",
      "  @Memo public int i(int x) { return x; }",
      "  @Memo public long l(long x) { return x; }",
      "  @Memo public float f(float x) { return x; }",
      "  @Memo public double d(double x) { return x; }",
      "}"
    };
    assertGenerated(compileClean("Foo", lines), "Foo_Cached", "return (char) value;", "return (double) value;");
  }

  /**
   * SPEC section 3: dependency injection sees on Foo_Cached's constructors what it saw on Foo's.
   * Stand-ins for Spring's {@code @Value}/{@code @Autowired} and Jakarta's {@code @Named} are
   * copied; a source-retention annotation (already acted on) and one Foo_Cached cannot name are not.
   */
  @Test
  void constructorAndParameterAnnotations_areCopiedWhereTheyApply() {
    JavaFileObject value =
        file(
            "Value",
            "import java.lang.annotation.*;",
            "@Retention(RetentionPolicy.RUNTIME)",
            "@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})",
            "public @interface Value { String value(); }");
    JavaFileObject named =
        file(
            "Named",
            "import java.lang.annotation.*;",
            "@Retention(RetentionPolicy.RUNTIME)",
            "public @interface Named { String value() default \"\"; }");
    JavaFileObject inject =
        file(
            "Inject",
            "import java.lang.annotation.*;",
            "@Retention(RetentionPolicy.RUNTIME)",
            "@Target({ElementType.CONSTRUCTOR, ElementType.METHOD, ElementType.FIELD})",
            "public @interface Inject {}");
    JavaFileObject shop =
        file(
            "Shop",
            "import io.memocache.Memo;",
            "import java.lang.annotation.*;",
            "public class Shop {",
            "  @Retention(RetentionPolicy.SOURCE) @interface Checked {}",
            "  @Retention(RetentionPolicy.RUNTIME) private @interface Hidden {}",
            "  @Inject @Checked",
            "  public Shop(@Value(\"${shop.currency}\") String currency,",
            "      @Named(\"fast\") @Checked @Hidden Runnable clock) {}",
            "  @Memo public String price(int id) { return \"\" + id; }",
            "}");
    Compilation compilation = compile(value, named, inject, shop);
    assertThat(compilation).succeededWithoutWarnings();
    assertGenerated(
        compilation,
        "Shop_Cached",
        "  @Inject\n  public Shop_Cached(@Value(\"${shop.currency}\") String currency,"
            + " @Named(\"fast\") Runnable clock) {");
  }

  @Test
  void checkedExceptionsAndSeveralConstructors_areMirrored() {
    Compilation compilation =
        compileClean(
            "Foo",
            "import io.memocache.Memo;",
            "import java.io.IOException;",
            "public class Foo {",
            "  public Foo() {}",
            "  protected Foo(String first, String... rest) throws IOException {}",
            "  Foo(int copies) throws InterruptedException {}",
            "  private Foo(long hidden) {}",
            "  @Memo public String load(String path) throws IOException, InterruptedException {",
            "    return path;",
            "  }",
            "}");
    assertGenerated(
        compilation,
        "Foo_Cached",
        "public Foo_Cached(String first, String... rest) throws IOException",
        "public Foo_Cached(int copies) throws InterruptedException",
        "public String load(String path) throws IOException, InterruptedException");
    assertThat(compilation)
        .generatedSourceFile("test.Foo_Cached")
        .contentsAsUtf8String()
        .doesNotContain("long hidden");
  }

  @Test
  void overloads_getOneCacheEachAndShareTheClearMethod() {
    Compilation compilation =
        compileClean(
            "Foo",
            "import io.memocache.Memo;",
            "public class Foo {",
            "  @Memo public int area(int side) { return side * side; }",
            "  @Memo public int area(int width, int height) { return width * height; }",
            "}");
    assertGenerated(
        compilation,
        "Foo_Cached",
        "AREA_1_CACHE",
        "AREA_2_CACHE",
        "public static void clearArea() {\n    AREA_1_CACHE.clear();\n    AREA_2_CACHE.clear();",
        "public static void clearArea(int width, int height)");
  }

  @Test
  void underscoreParameters_arePassedThroughButLeftOutOfTheKey() {
    Compilation compilation =
        compileClean(
            "Foo",
            "import io.memocache.Memo;",
            "public class Foo {",
            "  @Memo public String page(Object _ds, int pageSize, int page) { return \"\" + page; }",
            "  @Memo public String context(Object _session) { return \"\"; }",
            "}");
    assertGenerated(
        compilation,
        "Foo_Cached",
        "Object key = Keys.of(pageSize, page);",
        "value = pending.succeeded(super.page(_ds, pageSize, page));",
        "public static void clearPage(int pageSize, int page)",
        "Object key = Keys.NONE;");
    assertThat(compilation)
        .generatedSourceFile("test.Foo_Cached")
        .contentsAsUtf8String()
        .doesNotContain("clearContext(Object");
  }

  @Test
  void generatedLocalNames_neverClashWithParameterNames() {
    compileClean(
        "Foo",
        "import io.memocache.Memo;",
        "public class Foo {",
        "  @Memo public int f(int key, int value, int pending, int result, int failure) {",
        "    return key + value + pending + result + failure;",
        "  }",
        "}");
    compileClean(
        "Bar",
        "import io.memocache.Memo;",
        "public final class Bar {",
        "  @Memo public int g(int delegate) { return delegate; }",
        "}");
  }

  @Test
  void serializableClassRawTypesAndDeprecatedMethods_compileWithoutWarnings() {
    compileClean(
        "Foo",
        "import io.memocache.Memo;",
        "import java.util.List;",
        "public class Foo implements java.io.Serializable {",
        "  private static final long serialVersionUID = 1L;",
        "  @SuppressWarnings(\"rawtypes\")",
        "  @Memo public int size(List raw) { return raw.size(); }",
        "  @Deprecated @Memo public int old(int x) { return x; }",
        "}");
  }

  @Test
  void immutableResults_areMarkedSoTheyAreNeverCopied() {
    Compilation compilation =
        compileClean(
            "Foo",
            "import io.memocache.Memo;",
            "import java.util.List;",
            "public class Foo {",
            "  public record Row(int id, String name) {}",
            "  @Memo public String name(int id) { return \"\"; }",
            "  @Memo public Row row(int id) { return new Row(id, \"\"); }",
            "  @Memo public List<Row> rows(int n) { return List.of(); }",
            "  @Memo public List<String> mutable(int n) { return new java.util.ArrayList<>(); }",
            "}");
    String generated =
        "MethodCache.memo(Foo.class, \"row\", \"(I)Ltest/Foo$Row;\")\n"
            + "      .parameterTypes(\"int\")\n      .keyParameters(\"id\")\n"
            + "      .immutableValues()";
    assertGenerated(
        compilation,
        "Foo_Cached",
        generated,
        "MethodCache.memo(Foo.class, \"rows\", \"(I)Ljava/util/List;\")\n"
            + "      .parameterTypes(\"int\")\n      .keyParameters(\"n\")\n"
            + "      .immutableElements()");
  }

  /**
   * SPEC section 5: a final class whose fields, inherited ones included, are all final and of
   * immutable types is immutable like a record, so its values are not copied. A mutable field
   * anywhere, an array, a class that is not final, or a type argument that is not immutable
   * ({@code Holder<StringBuilder>}) means a copy.
   */
  @Test
  void finalClassesOfFinalImmutableFields_areValuesThatAreNeverCopied() {
    Compilation compilation =
        compileClean(
            "Foo",
            "import io.memocache.Memo;",
            "import java.math.BigDecimal;",
            "import java.util.List;",
            "public class Foo {",
            "  public abstract static class Base { private final String id = \"\"; }",
            "  public static final class Money extends Base {",
            "    private static int created;",
            "    private final String currency = \"EUR\";",
            "    private final BigDecimal amount = BigDecimal.ONE;",
            "    private final java.time.LocalDate due = null;",
            "  }",
            "  public static class Open { private final String id = \"\"; }",
            "  public static final class Tally extends Base { private int count; }",
            "  public abstract static class MutableBase { private String id = \"\"; }",
            "  public static final class Inherits extends MutableBase { private final int n = 0; }",
            "  public static final class Bytes { private final byte[] bytes = {}; }",
            "  public static final class Holder<T> { private final T value = null; }",
            "  public static final class Items { private final List<String> items = List.of(); }",
            "  @Memo public Money money(int id) { return new Money(); }",
            "  @Memo public Open open(int id) { return new Open(); }",
            "  @Memo public Tally tally(int id) { return new Tally(); }",
            "  @Memo public Inherits inherits(int id) { return new Inherits(); }",
            "  @Memo public Bytes bytes(int id) { return new Bytes(); }",
            "  @Memo public Holder<String> label(int id) { return new Holder<>(); }",
            "  @Memo public Holder<StringBuilder> holder(int id) { return new Holder<>(); }",
            "  @Memo public Items items(int id) { return new Items(); }",
            "}");
    assertGenerated(
        compilation,
        "Foo_Cached",
        "MethodCache.memo(Foo.class, \"money\", \"(I)Ltest/Foo$Money;\")\n"
            + "      .parameterTypes(\"int\")\n      .keyParameters(\"id\")\n"
            + "      .immutableValues()");
    for (String copied : List.of("open", "tally", "inherits", "bytes", "holder", "items")) {
      assertThat(compilation)
          .generatedSourceFile("test.Foo_Cached")
          .contentsAsUtf8String()
          .contains(
              "MethodCache.memo(Foo.class, \""
                  + copied
                  + "\", \"(I)Ltest/Foo$"
                  + Character.toUpperCase(copied.charAt(0))
                  + copied.substring(1)
                  + ";\")\n      .parameterTypes(\"int\")\n      .keyParameters(\"id\")\n"
                  + "      .build()");
    }
  }
}
