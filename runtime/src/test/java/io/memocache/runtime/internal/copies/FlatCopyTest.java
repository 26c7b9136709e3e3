package io.memocache.runtime.internal.copies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memocache.runtime.internal.Samples;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SPEC 5 for "flat" values, whose hits are copied by their class's field copier without Kryo: a
 * user object whose fields are all primitive or of final immutable types. The copies are the same
 * as Kryo's; only the way there differs.
 */
class FlatCopyTest {
  /** Like the benchmarks' bean: no no-arg constructor, so copies are allocated without one. */
  static final class Flat {
    int id;
    String name;
    double score;
    LocalDate day;
    Samples.Color color;

    Flat(int id, String name, double score) {
      this.id = id;
      this.name = name;
      this.score = score;
      this.day = LocalDate.of(2024, 2, 29);
      this.color = Samples.Color.BLUE;
    }
  }

  static class Base {
    private long version = 7;
  }

  /** Fields the generated copier leaves to reflection: a final one and a superclass's. */
  static final class Derived extends Base {
    private final String label;
    char grade = 'b';

    Derived() {
      this.label = "derived";
    }

    Derived(String label) {
      this.label = label;
    }
  }

  /** A String in a field declared Object: the declared type decides, so this is not flat. */
  static final class Loose {
    Object name = "loose";
  }

  /** A flat class whose constructor fails once told to. */
  static final class FailsLater {
    static volatile boolean failing;
    int id = 1;

    FailsLater() {
      if (failing) {
        throw new IllegalStateException("no more instances");
      }
    }
  }

  private static ValueCopier.StoredGraph stored(Object value) {
    return (ValueCopier.StoredGraph) ValueCopier.storedCopy(value, false);
  }

  @Test
  void aFlatValue_isStoredWithItsFieldCopier_andEachHitGetsAnEqualIndependentCopy() {
    Flat original = new Flat(4242, "bean", 2121.0);

    ValueCopier.StoredGraph stored = stored(original);
    Flat first = (Flat) ValueCopier.copy(stored, false);
    Flat second = (Flat) ValueCopier.copy(stored, false);

    assertNotNull(stored.flat(), "decided when stored");
    assertTrue(stored.tree());
    assertNotSame(original, stored.value());
    assertNotSame(first, second);
    assertNotSame(stored.value(), first);
    assertEquals(List.of(4242, "bean", 2121.0, LocalDate.of(2024, 2, 29), Samples.Color.BLUE),
        List.of(first.id, first.name, first.score, first.day, first.color));
    first.id = -1;
    first.name = "changed";
    assertEquals(4242, ((Flat) ValueCopier.copy(stored, false)).id, "the cache is untouched");
    assertEquals("bean", second.name, "another caller is untouched");
  }

  @Test
  void finalAndInheritedFields_areCopiedOnTheFlatPathToo() {
    Derived original = new Derived("mine");
    original.grade = 'a';

    ValueCopier.StoredGraph stored = stored(original);
    Derived copy = (Derived) ValueCopier.copy(stored, false);

    assertNotNull(stored.flat());
    assertNotSame(original, copy);
    assertEquals("mine", copy.label);
    assertEquals('a', copy.grade);
    assertEquals(7, ((Base) copy).version);
  }

  @Test
  void aValueWithAMutableOrLooselyTypedField_isNotFlat_andStillCopiedDeeply() {
    Samples.Bean bean = new Samples.Bean("tagged", 1);
    bean.tags.add("a");

    ValueCopier.StoredGraph stored = stored(bean);
    Samples.Bean copy = (Samples.Bean) ValueCopier.copy(stored, false);

    assertNull(stored.flat(), "a List field needs a deep copy");
    assertNotSame(bean.tags, copy.tags);
    assertEquals(bean, copy);
    assertNull(stored(new Loose()).flat());
  }

  @Test
  void aClassThatCopiesItself_keepsItsOwnCopy() {
    ValueCopier.StoredGraph stored =
        stored(new ValueCopierTest.CopiesItself("label"));

    assertNull(stored.flat());
    assertEquals(
        "label (own copy) (own copy)",
        ((ValueCopierTest.CopiesItself) ValueCopier.copy(stored, false)).label);
  }

  @Test
  void aFlatCopyThatFails_namesTheClass_andKeepsTheCause() {
    ValueCopier.StoredGraph stored = stored(new FailsLater());
    FailsLater.failing = true;

    UncopyableValueException failure;
    try {
      failure =
          assertThrows(UncopyableValueException.class, () -> ValueCopier.copy(stored, false));
    } finally {
      FailsLater.failing = false;
    }

    assertNotNull(stored.flat());
    assertSame(FailsLater.class, failure.type());
    assertEquals("no more instances", failure.getCause().getMessage());
  }

  @Test
  void anAdoptedValue_isNotCopied_butGetsTheFactsAStoredCopyWouldHave() {
    Flat flat = new Flat(1, "loaded", 2.0);
    List<Samples.Bean> beans =
        new java.util.ArrayList<>(List.of(new Samples.Bean("a", 1), new Samples.Bean("b", 2)));
    Samples.Bean shared = new Samples.Bean("shared", 3);
    List<Samples.Bean> sharing = new java.util.ArrayList<>(List.of(shared, shared));

    ValueCopier.StoredGraph adoptedFlat = (ValueCopier.StoredGraph) ValueCopier.adopt(flat, false);
    ValueCopier.StoredGraph adoptedTree = (ValueCopier.StoredGraph) ValueCopier.adopt(beans, false);
    ValueCopier.StoredGraph adoptedShared =
        (ValueCopier.StoredGraph) ValueCopier.adopt(sharing, false);

    assertSame(flat, adoptedFlat.value(), "owned already: not copied again");
    assertNotNull(adoptedFlat.flat());
    assertSame(beans, adoptedTree.value());
    assertTrue(adoptedTree.tree(), "a list of distinct beans is a tree");
    assertEquals(false, adoptedShared.tree(), "one bean reached twice keeps reference tracking");
    @SuppressWarnings("unchecked")
    List<Samples.Bean> copy = (List<Samples.Bean>) ValueCopier.copy(adoptedShared, false);
    assertSame(copy.get(0), copy.get(1), "the copy keeps the sharing");
    assertNotSame(shared, copy.get(0));
    Flat flatCopy = (Flat) ValueCopier.copy(adoptedFlat, false);
    assertNotSame(flat, flatCopy);
    assertEquals("loaded", flatCopy.name);
  }

  @Test
  void anAdoptedValueThatCopiesCheaply_isKeptAsItIs() {
    List<String> names = new java.util.ArrayList<>(List.of("a", "b"));
    int[] numbers = {1, 2, 3};

    assertSame(names, ValueCopier.adopt(names, true));
    assertSame(numbers, ValueCopier.adopt(numbers, false));
    assertSame("text", ValueCopier.adopt("text", false));
    assertNull(ValueCopier.adopt(null, false));
  }
}
