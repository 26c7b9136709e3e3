package com.example.shapes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memocache.runtime.MemoCaches;
import io.memocache.runtime.SingletonCaches;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigInteger;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every method shape of SPEC section 3, compiled through the processor and exercised. */
class ShapesTest {
  @BeforeEach
  void freshCaches() {
    MemoCaches.clearAll();
    SingletonCaches.clearAll();
    Calls.reset();
  }

  @Test
  void instanceMethod_subclassCachesAndRecursionThroughThisHits() {
    MathFunctions math = new MathFunctions_Cached();
    assertEquals(new BigInteger("2432902008176640000"), math.factorial(20));
    assertEquals(20, Calls.count("factorial"));
    assertEquals(new BigInteger("2432902008176640000"), math.factorial(20));
    assertEquals(BigInteger.valueOf(120), math.factorial(5));
    assertEquals(20, Calls.count("factorial"), "factorial(5) was computed on the way to 20");
  }

  @Test
  void instanceMethod_recursiveFibIsLinear() {
    assertEquals(12586269025L, new MathFunctions_Cached().fib(50));
    assertEquals(51, Calls.count("fib"));
  }

  @Test
  void instanceMethod_recursionToDepth1000FitsADefaultThreadStack() throws Exception {
    AtomicReference<Object> outcome = new AtomicReference<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                outcome.set(new MathFunctions_Cached().factorial(1000));
              } catch (Throwable t) {
                outcome.set(t);
              }
            });
    thread.start();
    thread.join(30_000);
    BigInteger expected = BigInteger.ONE;
    for (int i = 2; i <= 1000; i++) {
      expected = expected.multiply(BigInteger.valueOf(i));
    }
    assertEquals(expected, outcome.get());
  }

  @Test
  void cache_isSharedByAllInstances() {
    new MathFunctions_Cached().factorial(10);
    new MathFunctions_Cached().factorial(10);
    assertEquals(10, Calls.count("factorial"));
  }

  @Test
  void generatedClass_extendsSourceAndIsMarkedGenerated() {
    assertEquals(MathFunctions.class, MathFunctions_Cached.class.getSuperclass());
    assertTrue(Modifier.isPublic(MathFunctions_Cached.class.getModifiers()));
  }

  @Test
  void staticMethod_recursionThroughCachedClassHits() {
    assertEquals(12586269025L, StaticFunctions_Cached.fib(50));
    assertEquals(51, Calls.count("staticFib"));
    assertEquals("hello ada", StaticFunctions_Cached.greet("ada"));
    assertEquals("hello ada", StaticFunctions_Cached.greet("ada"));
    assertEquals(1, Calls.count("greet"));
  }

  @Test
  void staticOnlyClass_isAFinalHolderWithoutPublicConstructor() {
    assertTrue(Modifier.isFinal(StaticFunctions_Cached.class.getModifiers()));
    assertEquals(0, StaticFunctions_Cached.class.getConstructors().length);
  }

  @Test
  void finalClass_getsADelegate() throws Exception {
    assertEquals(Object.class, FinalService_Cached.class.getSuperclass());
    FinalService_Cached service = new FinalService_Cached(new FinalService("id-"));
    assertEquals("id-7", service.describe(7));
    assertEquals("id-7", service.describe(7));
    assertEquals(1, Calls.count("describe"));
    assertEquals(14, FinalService_Cached.twice(7));
    assertEquals(14, FinalService_Cached.twice(7));
    assertEquals(1, Calls.count("twice"));
    Constructor<?> constructor = FinalService_Cached.class.getConstructor(FinalService.class);
    assertTrue(Modifier.isPublic(constructor.getModifiers()));
  }

  @Test
  void delegate_rejectsNull() {
    assertThrows(NullPointerException.class, () -> new FinalService_Cached(null));
  }

  @Test
  void privateConstructorClass_getsADelegate() {
    PrivateConstructorService_Cached service =
        new PrivateConstructorService_Cached(PrivateConstructorService.create());
    assertEquals("ABC", service.upper("abc"));
    assertEquals("ABC", service.upper("abc"));
    assertEquals(1, Calls.count("upper"));
  }

  @Test
  void nestedClasses_atAnyDepthGetFlattenedNames() {
    assertEquals(9, new Outer_Middle_Cached().square(3));
    assertEquals(9, new Outer_Middle_Cached().square(3));
    assertEquals(27, new Outer_Middle_Inner_Cached().cube(3));
    assertEquals(27, new Outer_Middle_Inner_Cached().cube(3));
    assertEquals(1, Calls.count("square"));
    assertEquals(1, Calls.count("cube"));
    assertEquals("com.example.shapes", Outer_Middle_Inner_Cached.class.getPackageName());
  }

  @Test
  void genericClass_subclassKeepsTypeVariables() {
    Repo<Integer> repo = new Repo_Cached<>(List.of(1, 5, 10));
    assertEquals(List.of(5, 10), repo.above(2));
    assertEquals(List.of(5, 10), repo.above(2));
    assertEquals(1, Calls.count("above"));
    assertEquals("pear", repo.largest(List.of("apple", "pear", "fig")));
    assertEquals("pear", repo.largest(List.of("apple", "pear", "fig")));
    assertEquals(1, Calls.count("largest"));
    Repo_Cached.clearAbove(2);
    repo.above(2);
    assertEquals(2, Calls.count("above"));
  }

  @Test
  void arraysAndMultiDimensionalArrays_areKeyedByContentAndCopied() {
    Shapes shapes = new Shapes_Cached();
    assertEquals(6, shapes.sum(new int[] {1, 2, 3}));
    assertEquals(6, shapes.sum(new int[] {1, 2, 3}));
    assertEquals(1, Calls.count("sum"));
    int[][] transposed = shapes.transpose(new int[][] {{1, 2}, {3, 4}});
    assertArrayEquals(new int[][] {{1, 3}, {2, 4}}, transposed);
    transposed[0][0] = 99;
    assertArrayEquals(
        new int[][] {{1, 3}, {2, 4}}, shapes.transpose(new int[][] {{1, 2}, {3, 4}}));
    assertEquals(1, Calls.count("transpose"));
  }

  @Test
  void varargs_areKeyedByContent() {
    Shapes shapes = new Shapes_Cached();
    assertEquals("a-b", shapes.join("-", "a", "b"));
    assertEquals("a-b", shapes.join("-", new String[] {"a", "b"}));
    assertEquals("a+b", shapes.join("+", "a", "b"));
    assertEquals(2, Calls.count("join"));
    assertEquals(List.of(1, 2), Shapes_Cached.listOf(1, 2));
    assertEquals(List.of(1, 2), Shapes_Cached.listOf(1, 2));
    assertEquals(1, Calls.count("listOf"));
  }

  @Test
  void wildcardsAndGenericResults_work() {
    Shapes shapes = new Shapes_Cached();
    assertEquals(3.5, shapes.total(List.of(1, 2.5)));
    assertEquals(3.5, shapes.total(List.of(1, 2.5)));
    assertEquals(1, Calls.count("total"));
    assertEquals(2, shapes.lengths(List.of("ab", "abc")).get("ab"));
  }

  @Test
  void everyPrimitiveType_roundTrips() {
    Shapes shapes = new Shapes_Cached();
    for (int i = 0; i < 2; i++) {
      assertFalse(shapes.not(true));
      assertEquals((byte) 8, shapes.nextByte((byte) 7));
      assertEquals((short) 8, shapes.nextShort((short) 7));
      assertEquals('b', shapes.nextChar('a'));
      assertEquals(8L, shapes.nextLong(7L));
      assertEquals(1.5f, shapes.half(3f));
      assertEquals(1.5, shapes.halfDouble(3.0));
    }
    for (String method :
        List.of("not", "nextByte", "nextShort", "nextChar", "nextLong", "half", "halfDouble")) {
      assertEquals(1, Calls.count(method), method);
    }
  }

  @Test
  void constructors_areMirroredWithTheirThrowsClauses() throws Exception {
    assertEquals("default", new Checked_Cached().name());
    assertEquals("x", new Checked_Cached("x").name());
    assertEquals("abc", new Checked_Cached("a", "b", "c").name());
    assertThrows(IOException.class, () -> new Checked_Cached("", "b"));
    assertEquals("copies3", new Checked_Cached(3).name());
    Constructor<?> varargs =
        Checked_Cached.class.getConstructor(String.class, String[].class);
    assertTrue(varargs.isVarArgs());
    assertEquals(List.of(IOException.class), List.of(varargs.getExceptionTypes()));
    Constructor<?> throwing = Checked_Cached.class.getConstructor(int.class);
    assertEquals(
        List.of(FileNotFoundException.class, InterruptedException.class),
        List.of(throwing.getExceptionTypes()));
  }

  @Test
  void checkedException_propagatesUnchangedAndIsNotCached() throws Exception {
    Checked checked = new Checked_Cached("n");
    FileNotFoundException first =
        assertThrows(FileNotFoundException.class, () -> checked.load("missing.txt"));
    assertEquals("missing.txt", first.getMessage());
    assertThrows(FileNotFoundException.class, () -> checked.load("missing.txt"));
    assertEquals(2, Calls.count("load"));
    assertEquals("n:ok.txt", checked.load("ok.txt"));
    Method load = Checked_Cached.class.getMethod("load", String.class);
    assertEquals(List.of(IOException.class), List.of(load.getExceptionTypes()));
  }

  @Test
  void overloads_haveSeparateCachesAndClearTogether() {
    Overloads overloads = new Overloads_Cached();
    assertEquals(9, overloads.area(3));
    assertEquals(6, overloads.area(2, 3));
    assertEquals(Math.PI, overloads.area(1.0));
    overloads.area(3);
    overloads.area(2, 3);
    overloads.area(1.0);
    assertEquals(1, Calls.count("area(int)"));
    assertEquals(1, Calls.count("area(int,int)"));
    assertEquals(1, Calls.count("area(double)"));
    Overloads_Cached.clearArea(2, 3);
    overloads.area(3);
    overloads.area(2, 3);
    assertEquals(1, Calls.count("area(int)"));
    assertEquals(2, Calls.count("area(int,int)"));
    Overloads_Cached.clearArea();
    overloads.area(3);
    overloads.area(2, 3);
    overloads.area(1.0);
    assertEquals(2, Calls.count("area(int)"));
    assertEquals(3, Calls.count("area(int,int)"));
    assertEquals(2, Calls.count("area(double)"));
  }

  @Test
  void accessModifiers_areKept() throws Exception {
    assertTrue(
        Modifier.isPublic(Access_Cached.class.getDeclaredMethod("open", int.class).getModifiers()));
    assertTrue(
        Modifier.isProtected(
            Access_Cached.class.getDeclaredMethod("guarded", int.class).getModifiers()));
    int local = Access_Cached.class.getDeclaredMethod("local", int.class).getModifiers();
    assertFalse(Modifier.isPublic(local) || Modifier.isProtected(local) || Modifier.isPrivate(local));
    Access access = new Access_Cached();
    access.callGuarded(1);
    access.callGuarded(1);
    access.local(1);
    access.local(1);
    assertEquals(1, Calls.count("guarded"));
    assertEquals(1, Calls.count("local"));
  }

  @Test
  void staticAndInstanceMethods_mixInOneClass() {
    StringBuilder shared = Access_Cached.shared("x");
    assertTrue(shared == Access_Cached.shared("x"));
    assertEquals("open1", new Access_Cached().open(1));
    assertEquals(1, Calls.count("shared"));
  }

  @Test
  void abstractClass_generatesAnAbstractSubclassUsersExtend() {
    assertTrue(Modifier.isAbstract(AbstractReport_Cached.class.getModifiers()));
    AbstractReport report =
        new AbstractReport_Cached("Report") {
          @Override
          protected String body(int page) {
            return "page " + page;
          }
        };
    assertEquals("Report: page 2", report.render(2));
    assertEquals("Report: page 2", report.render(2));
    assertEquals(1, Calls.count("render"));
  }
}
