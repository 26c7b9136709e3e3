package io.memocache.runtime.internal.classfile.elsewhere;

import java.util.List;

/** Records that are not public, in a package of their own, reachable only through this class. */
public final class Hidden {
  private Hidden() {}

  /** A package-private record with a private nested one. */
  record Outer(String name, Inner inner, List<Inner> more) {}

  private record Inner(long value, char tag) {}

  /** Returns a value made of this package's non-public records. */
  public static Object value() {
    return new Outer("outer", new Inner(-7, 'x'), List.of(new Inner(Long.MAX_VALUE, '\u00e9')));
  }

  /** Returns the package-private record's class. */
  public static Class<?> outerClass() {
    return Outer.class;
  }

  /** Returns the private record's class. */
  public static Class<?> innerClass() {
    return Inner.class;
  }
}
