package io.memocache.runtime.internal.copies;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Which opens line an uncopyable type's module lacks. The named-module cases run in
 * integration-tests-jpms; here, what must never draw a hint.
 */
class ModuleAccessTest {
  @Test
  void jdkClasses_neverAskUsersToOpenTheJdk() {
    assertEquals("", ModuleAccess.missingOpens(Thread.class));
    assertEquals("", ModuleAccess.missingOpens(java.util.concurrent.locks.ReentrantLock.class));
  }

  @Test
  void classPathClasses_needNoOpens() {
    assertEquals("", ModuleAccess.missingOpens(ModuleAccessTest.class));
  }

  @Test
  void uncopyableJdkClass_messageHasNoOpensHint() {
    assertEquals(
        "java.lang.Thread", new UncopyableValueException(Thread.class, null).getMessage());
  }
}
