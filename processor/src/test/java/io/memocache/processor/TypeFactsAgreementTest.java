package io.memocache.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The processor and the runtime hold the same type facts (STYLE: one source of truth, or a test
 * that proves they agree). The processor never loads runtime classes; this test, with the runtime
 * at test scope, reads the runtime's lists and asks its decisions.
 */
class TypeFactsAgreementTest {
  private static final String TYPES = "io.memocache.runtime.internal.types.";

  @Test
  void unhashableTypes_areExactlyTheRuntimesOpaqueTypes() throws Exception {
    Set<String> runtime = new TreeSet<>();
    for (Object type : (Collection<?>) staticField("OpaqueTypes", "OPAQUE")) {
      runtime.add(((Class<?>) type).getName());
    }
    assertThat(runtime).isNotEmpty();
    assertThat(new TreeSet<>(TypeClassifier.UNHASHABLE)).isEqualTo(runtime);
  }

  @Test
  void everyUnhashableType_isOpaqueToTheRuntime() throws Exception {
    Method isOpaque = staticMethod("OpaqueTypes", "isOpaque");
    for (String name : TypeClassifier.UNHASHABLE) {
      assertWithMessage(name).that(isOpaque.invoke(null, Class.forName(name))).isEqualTo(true);
    }
  }

  @Test
  void runtimeValueClasses_areImmutableToTheProcessor() throws Exception {
    for (Object type : (Collection<?>) staticField("ImmutableTypes", "VALUE_CLASSES")) {
      Class<?> value = (Class<?>) type;
      assertWithMessage(value.getName())
          .that(TypeClassifier.isImmutableJdkType(value.getName(), value.isInterface()))
          .isTrue();
    }
  }

  /** Every JDK type the processor leaves uncopied, the runtime leaves uncopied too, and back. */
  @Test
  void immutableJdkTypes_agreeBothWays() throws Exception {
    Method isImmutable = staticMethod("ImmutableTypes", "isImmutable");
    List<String> samples =
        List.of(
            "java.lang.String",
            "java.lang.Integer",
            "java.lang.Class",
            "java.math.BigDecimal",
            "java.math.BigInteger",
            "java.util.UUID",
            "java.util.Locale",
            "java.net.URI",
            "java.util.regex.Pattern",
            "java.time.Instant",
            "java.time.ZoneId",
            "java.time.ZoneOffset",
            "java.time.Clock",
            "java.time.chrono.JapaneseDate",
            "java.time.temporal.Temporal",
            "java.time.chrono.ChronoLocalDate",
            "java.util.Date",
            "java.util.ArrayList",
            "java.lang.StringBuilder",
            "java.util.Optional",
            "java.lang.Object");
    for (String name : samples) {
      Class<?> type = Class.forName(name);
      assertWithMessage(name)
          .that(TypeClassifier.isImmutableJdkType(name, type.isInterface()))
          .isEqualTo(isImmutable.invoke(null, type));
    }
  }

  private static Object staticField(String className, String name) throws Exception {
    Field field = Class.forName(TYPES + className).getDeclaredField(name);
    field.setAccessible(true);
    return field.get(null);
  }

  private static Method staticMethod(String className, String name) throws Exception {
    Method method = Class.forName(TYPES + className).getDeclaredMethod(name, Class.class);
    method.setAccessible(true);
    return method;
  }
}
