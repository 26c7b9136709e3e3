package io.memocache.runtime.internal;

import io.memocache.runtime.internal.keys.ContentKeys;
import java.util.Arrays;

/*
 * Design note: generated code builds a method's key from the key parameters it knows at compile
 * time. Parameters of value types (primitives, boxes, String, enums) go in as they are; others are
 * first turned into content snapshots by MethodCache.contentKey. One parameter is its own key (no
 * wrapper), two or three get a small fixed-arity key, more get an array-backed key. The cache of one
 * method only ever sees keys of one shape, so shapes never need to compare against each other.
 * A composite key built from a borrowing snapshot borrows too (see ContentKeys): stable() gives
 * the form that is stored.
 *
 * Two-part keys with primitive parts hold them in long fields instead of boxes: Java's overload
 * resolution picks of(long, Object) for an (int, String) call before any boxing, so the hit path
 * allocates one small key and no Integer. Widening int, short, char or byte to long is lossless
 * and a method's parameter types never change, so no two different arguments share a key.
 * A single primitive parameter gets a long- or double-valued key the same way (small integral
 * values share preallocated keys, as Integer.valueOf does), so no parameter is ever boxed.
 *
 * Every key class is Comparable of itself, in KeyOrder's order (component by component), because
 * ConcurrentHashMap (and Caffeine's map) keep colliding keys in a tree bin searchable in O(log n)
 * only for such keys: two String parameters whose hash codes are made to collide ("Aa" and "BB")
 * would otherwise make lookups linear and filling quadratic. compareTo runs only in tree bins, so
 * the hit path is unchanged.
 */

/** Builds cache keys from key parameters. For generated code only. */
public final class Keys {
  /** The key of a method without key parameters. */
  public static final Object NONE =
      new Object() {
        @Override
        public String toString() {
          return "()";
        }
      };

  private static final Object NULL =
      new Object() {
        @Override
        public String toString() {
          return "null";
        }
      };

  /** Keys of the single integral values -128 to 127, shared like the JDK's Integer cache. */
  private static final LongKey[] SMALL_LONG_KEYS = new LongKey[256];

  static {
    for (int i = 0; i < SMALL_LONG_KEYS.length; i++) {
      SMALL_LONG_KEYS[i] = new LongKey(i - 128);
    }
  }

  private Keys() {}

  /**
   * Returns the key for one key parameter.
   *
   * @param a the argument, or its content snapshot
   * @return the key
   */
  public static Object of(Object a) {
    return a == null ? NULL : a;
  }

  /**
   * Returns the key for one integral primitive key parameter, without boxing.
   *
   * @param a the argument, widened to long
   * @return the key
   */
  public static Object of(long a) {
    return a >= -128 && a < 128 ? SMALL_LONG_KEYS[(int) a + 128] : new LongKey(a);
  }

  /**
   * Returns the key for one floating-point primitive key parameter, without boxing. Equal as
   * {@link Double#equals} is: every NaN is one key, {@code 0.0} and {@code -0.0} are two.
   *
   * @param a the argument, widened to double
   * @return the key
   */
  public static Object of(double a) {
    return new DoubleKey(a);
  }

  /**
   * Returns the key for two key parameters.
   *
   * @param a the first argument, or its content snapshot
   * @param b the second argument, or its content snapshot
   * @return the key
   */
  public static Object of(Object a, Object b) {
    return new Key2(a, b);
  }

  /**
   * Returns the key for two key parameters, the first primitive (integral).
   *
   * @param a the first argument, widened to long
   * @param b the second argument, or its content snapshot
   * @return the key
   */
  public static Object of(long a, Object b) {
    return new PrimitiveFirst(a, b);
  }

  /**
   * Returns the key for two key parameters, the second primitive (integral).
   *
   * @param a the first argument, or its content snapshot
   * @param b the second argument, widened to long
   * @return the key
   */
  public static Object of(Object a, long b) {
    return new PrimitiveSecond(a, b);
  }

  /**
   * Returns the key for two primitive (integral) key parameters.
   *
   * @param a the first argument, widened to long
   * @param b the second argument, widened to long
   * @return the key
   */
  public static Object of(long a, long b) {
    return new PrimitivePair(a, b);
  }

  /**
   * Returns the key for three key parameters.
   *
   * @param a the first argument, or its content snapshot
   * @param b the second argument, or its content snapshot
   * @param c the third argument, or its content snapshot
   * @return the key
   */
  public static Object of(Object a, Object b, Object c) {
    return new Key3(a, b, c);
  }

  /**
   * Returns the key for four or more key parameters.
   *
   * @param parts the arguments, or their content snapshots
   * @return the key
   */
  public static Object of(Object... parts) {
    return new KeyN(parts);
  }

  /*
   * Design note: on a hit the key is built, looked up and dropped; the JIT removes its allocation
   * only if the key is never passed to a call it does not inline. ConcurrentHashMap.get calls
   * equals at two sites, the second one (a bin's chain) cold, where only methods of at most 35
   * bytes of bytecode are inlined. So each equals below stays under that size and hands the
   * lookup key's fields, never the key itself, to the stored key's matches method. (Measured on
   * JDK 25: the key of an (int, String) hit escaped, 24 bytes a hit, until equals was split so.)
   * Map lookups compare hash codes before calling equals, so equals does not compare them again.
   * Components are compared and hashed inline rather than through Objects.equals and
   * Objects.hashCode, whose call profiles are shared by the whole JVM (measured: String.hashCode
   * stayed a virtual call through Objects.hashCode).
   */

  private static final class Key2 implements ContentKeys.Borrowing, Comparable<Key2> {
    private final Object a;
    private final Object b;
    private final int hash;

    Key2(Object a, Object b) {
      this.a = a;
      this.b = b;
      this.hash = 31 * (a == null ? 0 : a.hashCode()) + (b == null ? 0 : b.hashCode());
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Key2)) {
        return false;
      }
      return ((Key2) o).matches(a, b);
    }

    private boolean matches(Object otherA, Object otherB) {
      return (otherA == a || (otherA != null && otherA.equals(a)))
          && (otherB == b || (otherB != null && otherB.equals(b)));
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public Object stable() {
      Object stableA = ContentKeys.stableOf(a);
      Object stableB = ContentKeys.stableOf(b);
      return stableA == a && stableB == b ? this : new Key2(stableA, stableB);
    }

    @Override
    public int compareTo(Key2 other) {
      int c = ContentKeys.compare(a, other.a);
      return c != 0 ? c : ContentKeys.compare(b, other.b);
    }

    @Override
    public String toString() {
      return "(" + a + ", " + b + ")";
    }
  }

  private static final class Key3 implements ContentKeys.Borrowing, Comparable<Key3> {
    private final Object a;
    private final Object b;
    private final Object c;
    private final int hash;

    Key3(Object a, Object b, Object c) {
      this.a = a;
      this.b = b;
      this.c = c;
      int ab = 31 * (a == null ? 0 : a.hashCode()) + (b == null ? 0 : b.hashCode());
      this.hash = ab * 31 + (c == null ? 0 : c.hashCode());
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Key3)) {
        return false;
      }
      return ((Key3) o).matches(a, b, c);
    }

    private boolean matches(Object otherA, Object otherB, Object otherC) {
      return (otherA == a || (otherA != null && otherA.equals(a)))
          && (otherB == b || (otherB != null && otherB.equals(b)))
          && (otherC == c || (otherC != null && otherC.equals(c)));
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public Object stable() {
      Object stableA = ContentKeys.stableOf(a);
      Object stableB = ContentKeys.stableOf(b);
      Object stableC = ContentKeys.stableOf(c);
      return stableA == a && stableB == b && stableC == c
          ? this
          : new Key3(stableA, stableB, stableC);
    }

    @Override
    public int compareTo(Key3 other) {
      int order = ContentKeys.compare(a, other.a);
      order = order != 0 ? order : ContentKeys.compare(b, other.b);
      return order != 0 ? order : ContentKeys.compare(c, other.c);
    }

    @Override
    public String toString() {
      return "(" + a + ", " + b + ", " + c + ")";
    }
  }

  private static final class KeyN implements ContentKeys.Borrowing, Comparable<KeyN> {
    private final Object[] parts;
    private final int hash;

    KeyN(Object[] parts) {
      this.parts = parts;
      this.hash = Arrays.hashCode(parts);
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof KeyN)) {
        return false;
      }
      return ((KeyN) o).matches(parts);
    }

    private boolean matches(Object[] otherParts) {
      return Arrays.equals(otherParts, parts);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public Object stable() {
      Object[] stable = new Object[parts.length];
      boolean borrowed = false;
      for (int i = 0; i < parts.length; i++) {
        stable[i] = ContentKeys.stableOf(parts[i]);
        borrowed |= stable[i] != parts[i];
      }
      return borrowed ? new KeyN(stable) : this;
    }

    @Override
    public int compareTo(KeyN other) {
      return ContentKeys.compareParts(parts, other.parts);
    }

    @Override
    public String toString() {
      StringBuilder text = new StringBuilder("(");
      for (int i = 0; i < parts.length; i++) {
        text.append(i == 0 ? "" : ", ").append(parts[i]);
      }
      return text.append(')').toString();
    }
  }

  private static final class PrimitiveFirst
      implements ContentKeys.Borrowing, Comparable<PrimitiveFirst> {
    private final long a;
    private final Object b;

    PrimitiveFirst(long a, Object b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof PrimitiveFirst)) {
        return false;
      }
      return ((PrimitiveFirst) o).matches(a, b);
    }

    private boolean matches(long otherA, Object otherB) {
      return otherA == a && (otherB == b || (otherB != null && otherB.equals(b)));
    }

    @Override
    public int hashCode() {
      return 31 * Long.hashCode(a) + (b == null ? 0 : b.hashCode());
    }

    @Override
    public Object stable() {
      Object stableB = ContentKeys.stableOf(b);
      return stableB == b ? this : new PrimitiveFirst(a, stableB);
    }

    @Override
    public int compareTo(PrimitiveFirst other) {
      int c = Long.compare(a, other.a);
      return c != 0 ? c : ContentKeys.compare(b, other.b);
    }

    @Override
    public String toString() {
      return "(" + a + ", " + b + ")";
    }
  }

  private static final class PrimitiveSecond
      implements ContentKeys.Borrowing, Comparable<PrimitiveSecond> {
    private final Object a;
    private final long b;

    PrimitiveSecond(Object a, long b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof PrimitiveSecond)) {
        return false;
      }
      return ((PrimitiveSecond) o).matches(a, b);
    }

    private boolean matches(Object otherA, long otherB) {
      return otherB == b && (otherA == a || (otherA != null && otherA.equals(a)));
    }

    @Override
    public int hashCode() {
      return 31 * (a == null ? 0 : a.hashCode()) + Long.hashCode(b);
    }

    @Override
    public Object stable() {
      Object stableA = ContentKeys.stableOf(a);
      return stableA == a ? this : new PrimitiveSecond(stableA, b);
    }

    @Override
    public int compareTo(PrimitiveSecond other) {
      int c = Long.compare(b, other.b);
      return c != 0 ? c : ContentKeys.compare(a, other.a);
    }

    @Override
    public String toString() {
      return "(" + a + ", " + b + ")";
    }
  }

  private record PrimitivePair(long a, long b) implements Comparable<PrimitivePair> {
    @Override
    public int compareTo(PrimitivePair other) {
      int c = Long.compare(a, other.a);
      return c != 0 ? c : Long.compare(b, other.b);
    }

    @Override
    public String toString() {
      return "(" + a + ", " + b + ")";
    }
  }

  private record LongKey(long value) implements Comparable<LongKey> {
    @Override
    public int compareTo(LongKey other) {
      return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
      return Long.toString(value);
    }
  }

  /** Record equality compares doubles as {@link Double#compare} does. */
  private record DoubleKey(double value) implements Comparable<DoubleKey> {
    @Override
    public int compareTo(DoubleKey other) {
      return Double.compare(value, other.value);
    }

    @Override
    public String toString() {
      return Double.toString(value);
    }
  }
}
