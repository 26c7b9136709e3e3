package io.memocache.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The generated builder marks {@code @Memo(persist = true)} caches; plain ones stay unmarked. */
class PersistedBuilderTest {
  @Test
  void persisted_isRecordedByTheBuilder_andOffByDefault() {
    assertFalse(
        MethodCache.memo(PersistedBuilderTest.class, "load", "(I)Ljava/lang/Object;")
            .parameterTypes("int")
            .isPersisted());
    assertTrue(
        MethodCache.memo(PersistedBuilderTest.class, "load", "(I)Ljava/lang/Object;")
            .parameterTypes("int")
            .persisted()
            .isPersisted());
  }
}
