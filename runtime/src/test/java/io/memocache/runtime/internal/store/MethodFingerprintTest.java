package io.memocache.runtime.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC section 9: changing a method's code makes its stored entries unreachable (its fingerprint
 * changes); other methods, and mere reformatting, keep theirs.
 */
class MethodFingerprintTest {
  private static final String DESCRIPTOR = "(I)Ljava/lang/String;";

  private static final String ORIGINAL =
      """
      package p;
      import java.util.function.IntFunction;
      public class Calc {
        public String a(int n) {
          IntFunction<String> f = i -> "a" + i;
          return f.apply(n * 2);
        }
        public String b(int n) {
          IntFunction<String> g = i -> "b" + i;
          return g.apply(n + 1);
        }
      }
      """;

  @TempDir Path temp;

  /** Compiles one version of p.Calc and returns the fingerprints of a and b, from its own loader. */
  private Map<String, String> fingerprints(String source) throws Exception {
    Class<?> calc =
        TestCompiler.loader(TestCompiler.compile(temp, Map.of("p.Calc", source))).loadClass("p.Calc");
    return Map.of(
        "a", MethodFingerprint.of(calc, "a", DESCRIPTOR),
        "b", MethodFingerprint.of(calc, "b", DESCRIPTOR));
  }

  @Test
  void editingAMethod_changesItsFingerprint_only() throws Exception {
    Map<String, String> before = fingerprints(ORIGINAL);
    Map<String, String> after = fingerprints(ORIGINAL.replace("n * 2", "n * 3"));
    assertNotEquals(before.get("a"), after.get("a"));
    assertEquals(before.get("b"), after.get("b"));
    assertTrue(MethodFingerprint.fromCode(before.get("a")));
    assertEquals(22, before.get("a").length());
  }

  @Test
  void editingAConstantOrACall_changesTheFingerprint() throws Exception {
    Map<String, String> before = fingerprints(ORIGINAL);
    assertNotEquals(before.get("b"), fingerprints(ORIGINAL.replace("n + 1", "n - 1")).get("b"));
    assertNotEquals(
        before.get("b"),
        fingerprints(ORIGINAL.replace("return g.apply(n + 1);", "return g.apply(n + 1).trim();"))
            .get("b"));
  }

  @Test
  void editingALambdaInsideTheMethod_changesItsFingerprint() throws Exception {
    Map<String, String> before = fingerprints(ORIGINAL);
    Map<String, String> after = fingerprints(ORIGINAL.replace("\"a\" + i", "\"A\" + i"));
    assertNotEquals(before.get("a"), after.get("a"));
    assertEquals(before.get("b"), after.get("b"));
  }

  @Test
  void aLambdaAddedToAnotherMethod_leavesTheFingerprintAlone() throws Exception {
    // javac numbers lambdas across the class: b's lambda$b$1 becomes lambda$b$2.
    String withAnotherLambda =
        ORIGINAL.replace(
            "IntFunction<String> f = i -> \"a\" + i;",
            "IntFunction<String> f = i -> \"a\" + i; Runnable r = () -> {}; r.run();");
    Map<String, String> before = fingerprints(ORIGINAL);
    Map<String, String> after = fingerprints(withAnotherLambda);
    assertNotEquals(before.get("a"), after.get("a"));
    assertEquals(before.get("b"), after.get("b"));
  }

  @Test
  void editingAnAnonymousClassTheMethodUses_changesItsFingerprint() throws Exception {
    String anonymous =
        ORIGINAL.replace(
            "IntFunction<String> g = i -> \"b\" + i;",
            "IntFunction<String> g = new IntFunction<>() { public String apply(int i) { return \"b\" + i; } };");
    Map<String, String> before = fingerprints(anonymous);
    Map<String, String> after = fingerprints(anonymous.replace("\"b\" + i", "\"B\" + i"));
    assertNotEquals(before.get("b"), after.get("b"));
    assertEquals(before.get("a"), after.get("a"));
  }

  @Test
  void reformatting_commentsAndBlankLines_keepEveryFingerprint() throws Exception {
    String reformatted =
        """
        package p;

        import java.util.function.IntFunction;

        /** Now with comments. */
        public class Calc {


          // a doubles
          public String a(int n)
          {
            IntFunction<String> f =
                i -> "a" + i;   // lambda

            return f.apply(
                n * 2);
          }

          public String b(int n) { IntFunction<String> g = i -> "b" + i; return g.apply(n + 1); }
        }
        """;
    assertEquals(fingerprints(ORIGINAL), fingerprints(reformatted));
  }

  @Test
  void fingerprints_areStable_acrossReadsAndClassLoaders() throws Exception {
    Path classes = TestCompiler.compile(temp, Map.of("p.Calc", ORIGINAL));
    Class<?> first = TestCompiler.loader(classes).loadClass("p.Calc");
    Class<?> second = TestCompiler.loader(classes).loadClass("p.Calc");
    String a = MethodFingerprint.of(first, "a", DESCRIPTOR);
    assertEquals(a, MethodFingerprint.of(first, "a", DESCRIPTOR));
    assertEquals(a, MethodFingerprint.of(second, "a", DESCRIPTOR));
    assertEquals(a, MethodFingerprint.of(first.getMethod("a", int.class)));
    assertNotEquals(a, MethodFingerprint.of(first, "b", DESCRIPTOR));
  }

  /** Defines classes from bytes and offers no class file resources, as generated classes do. */
  private static final class NoResourcesLoader extends ClassLoader {
    private final Path classes;

    NoResourcesLoader(Path classes) {
      super(null);
      this.classes = classes;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      try {
        byte[] bytes = Files.readAllBytes(classes.resolve(name.replace('.', '/') + ".class"));
        return defineClass(name, bytes, 0, bytes.length);
      } catch (IOException e) {
        throw new ClassNotFoundException(name, e);
      }
    }
  }

  @Test
  void withoutAClassFile_theFallbackIsStable_andSaysSo() throws Exception {
    Path classes = TestCompiler.compile(temp, Map.of("p.Calc", ORIGINAL));
    Class<?> calc = new NoResourcesLoader(classes).loadClass("p.Calc");
    String fallback = MethodFingerprint.of(calc, "a", DESCRIPTOR);
    assertFalse(MethodFingerprint.fromCode(fallback));
    assertTrue(fallback.startsWith("signature-"));
    assertEquals(fallback, MethodFingerprint.of(new NoResourcesLoader(classes).loadClass("p.Calc"), "a", DESCRIPTOR));
    assertNotEquals(fallback, MethodFingerprint.of(calc, "b", DESCRIPTOR));

    Class<?> readable = TestCompiler.loader(classes).loadClass("p.Calc");
    assertFalse(MethodFingerprint.fromCode(MethodFingerprint.of(readable, "a", "()V")));
  }
}
