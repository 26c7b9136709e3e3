package io.memocache.runtime.internal.types;

import java.lang.reflect.RecordComponent;
import java.util.HashSet;
import java.util.Set;

/*
 * Design note: a value whose class is immutable can be shared with every caller instead of copied.
 * Decided once per class (ClassValue). JDK value classes are listed exactly: BigInteger and
 * BigDecimal can be subclassed by mutable classes, so only the exact classes count. A record is
 * immutable when every component's declared type is; a record that (through its components)
 * refers to itself is treated as mutable, which only costs a copy.
 */

/**
 * Classes whose instances never change, so results of them need no copy. For memocache's own
 * use.
 */
public final class ImmutableTypes {
  private static final Set<Class<?>> VALUE_CLASSES =
      Set.of(
          String.class,
          Boolean.class,
          Byte.class,
          Short.class,
          Character.class,
          Integer.class,
          Long.class,
          Float.class,
          Double.class,
          Void.class,
          Class.class,
          java.math.BigInteger.class,
          java.math.BigDecimal.class,
          java.util.UUID.class,
          java.util.OptionalInt.class,
          java.util.OptionalLong.class,
          java.util.OptionalDouble.class,
          java.util.Locale.class,
          java.net.URI.class,
          java.util.regex.Pattern.class);

  private static final ClassValue<Boolean> IMMUTABLE =
      new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
          return isImmutable(type, new HashSet<>());
        }
      };

  private ImmutableTypes() {}

  public static boolean isImmutable(Class<?> type) {
    return IMMUTABLE.get(type);
  }

  private static boolean isImmutable(Class<?> type, Set<Class<?>> recordsInProgress) {
    if (type.isPrimitive() || VALUE_CLASSES.contains(type) || Enum.class.isAssignableFrom(type)) {
      return true;
    }
    if (type.getPackageName().equals("java.time") || type.getPackageName().startsWith("java.time.")) {
      // Every class of java.time is an immutable value (ZoneRegion and ZoneOffset included);
      // abstract ones like ZoneId have only immutable subclasses.
      return !type.isInterface();
    }
    if (type.isRecord() && recordsInProgress.add(type)) {
      for (RecordComponent component : type.getRecordComponents()) {
        if (!isImmutable(component.getType(), recordsInProgress)) {
          return false;
        }
      }
      return true;
    }
    return false;
  }
}
