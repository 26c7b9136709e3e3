package io.memocache.runtime.internal.copies;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memocache.runtime.internal.Samples;
import io.memocache.runtime.internal.Samples.Bean;
import org.junit.jupiter.api.Test;

/** The copy engine copies user classes' fields through the class-file writer's copiers. */
class FieldCopierTest {
  @Test
  void copiersOfUserClasses_areCompiled() {
    assertTrue(FieldCopier.forClass(Bean.class).compiled());
    assertTrue(FieldCopier.forClass(Samples.Node.class).compiled());
  }
}
