package io.memocache.runtime.internal.classfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memocache.runtime.internal.Samples.Bean;
import org.junit.jupiter.api.Test;

/** A copier class that fails to define is a bug: loud under tests, a logged fallback otherwise. */
class FieldCopyClassesTest {
  @Test
  void theBuildsTests_runWithStrictCopiers() {
    assertTrue(
        Boolean.getBoolean("memocache.strictCopiers"),
        "the runtime's tests must set memocache.strictCopiers=true (see runtime/pom.xml)");
  }

  @Test
  void aCopierThatFailsToDefine_failsLoudlyWhenStrict() {
    VerifyError bug = new VerifyError("Bad type on operand stack");
    IllegalStateException failure =
        assertThrows(
            IllegalStateException.class, () -> FieldCopyClasses.failed(Bean.class, bug, true));
    assertSame(bug, failure.getCause());
    assertEquals(
        "memocache could not define the field copier of " + Bean.class.getName(),
        failure.getMessage());
  }

  @Test
  void aCopierThatFailsToDefine_fallsBackToReflectionInProduction() {
    assertNull(FieldCopyClasses.failed(Bean.class, new VerifyError("bad"), false));
  }
}
