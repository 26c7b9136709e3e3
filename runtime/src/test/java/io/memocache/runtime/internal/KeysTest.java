package io.memocache.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.memocache.runtime.internal.keys.ContentKeys;
import org.junit.jupiter.api.Test;

/** The composite keys generated code builds from a method's key parameters. */
class KeysTest {
  @Test
  void primitiveParts_compareByValueWithoutBoxes() {
    int id = 4242;
    assertEquals(Keys.of(id, "user"), Keys.of(4242, "user"));
    assertEquals(Keys.of(id, "user").hashCode(), Keys.of(4242, "user").hashCode());
    assertNotEquals(Keys.of(id, "user"), Keys.of(4243, "user"));
    assertNotEquals(Keys.of(id, "user"), Keys.of(id, "other"));
    assertEquals(Keys.of("user", id), Keys.of("user", 4242));
    assertNotEquals(Keys.of("user", id), Keys.of("user", -4242));
    assertEquals(Keys.of(1, 2), Keys.of(1L, 2L));
    assertNotEquals(Keys.of(1, 2), Keys.of(2, 1));
    assertEquals(Keys.of(7, null), Keys.of(7, null));
    assertNotEquals(Keys.of(7, null), Keys.of(7, "null"));
  }

  @Test
  void singlePrimitiveParameter_isKeyedWithoutBoxing() {
    long big = 1L << 40;
    assertEquals(Keys.of(big), Keys.of(1L << 40));
    assertEquals(Keys.of(big).hashCode(), Keys.of(1L << 40).hashCode());
    assertNotEquals(Keys.of(big), Keys.of(big + 1));
    assertEquals(Keys.of(100_000), Keys.of(100_000L));
    assertSame(Keys.of(5), Keys.of(5), "small values share one key");
    assertNotEquals(Keys.of(-1), Keys.of(255));
    assertEquals("100000", Keys.of(100_000).toString());

    assertEquals(Keys.of(0.1 + 0.2), Keys.of(0.1 + 0.2));
    assertNotEquals(Keys.of(0.3), Keys.of(0.1 + 0.2));
    assertEquals(Keys.of(Double.NaN), Keys.of(Double.NaN), "NaN is cacheable");
    assertNotEquals(Keys.of(0.0), Keys.of(-0.0), "as Double.equals");
    assertEquals(Keys.of(1.5f), Keys.of(1.5));
    assertEquals("2.5", Keys.of(2.5).toString());
    assertEquals("(1, 2)", Keys.of(1, 2).toString());
  }

  @Test
  void everyShape_comparesComponentsByContent_withNullAnywhere() {
    String user = new String("user");
    String sameUser = new String("user");
    Object[][] equalPairs = {
      {Keys.of(user, 1.5), Keys.of(sameUser, 1.5)},
      {Keys.of(user, sameUser), Keys.of(sameUser, user)},
      {Keys.of(null, user), Keys.of(null, sameUser)},
      {Keys.of(user, null), Keys.of(sameUser, null)},
      {Keys.of(user, null, sameUser), Keys.of(sameUser, null, user)},
      {Keys.of(null, null, null), Keys.of(null, null, null)},
      {Keys.of(user, 1, null, 2L), Keys.of(sameUser, 1, null, 2L)},
      {Keys.of(3, (Object) null), Keys.of(3, (Object) null)},
      {Keys.of((Object) null, 3), Keys.of((Object) null, 3)},
      {Keys.of(3, user), Keys.of(3, sameUser)},
      {Keys.of(user, 3), Keys.of(sameUser, 3)},
    };
    for (Object[] pair : equalPairs) {
      assertEquals(pair[0], pair[1]);
      assertEquals(pair[0].hashCode(), pair[1].hashCode());
    }
    Object[][] differentPairs = {
      {Keys.of(user, "other"), Keys.of(user, null)},
      {Keys.of(null, user), Keys.of(user, null)},
      {Keys.of(user, user, "x"), Keys.of(user, user, "y")},
      {Keys.of(user, user, null), Keys.of(user, user, "null")},
      {Keys.of(user, 1, null, 2L), Keys.of(user, 1, null, 3L)},
      {Keys.of(3, user), Keys.of(3, (Object) null)},
      {Keys.of((Object) null, 3), Keys.of(user, 3)},
    };
    for (Object[] pair : differentPairs) {
      assertNotEquals(pair[0], pair[1]);
      assertNotEquals(pair[1], pair[0]);
    }
  }

  @Test
  void keysOfDifferentShapes_neverEqual() {
    assertNotEquals(Keys.of(1, "a"), Keys.of("a", 1));
    assertNotEquals(Keys.of(1, 2), Keys.of((Object) 1, (Object) 2));
  }

  @Test
  void borrowedArrays_areClonedOnlyWhenTheKeyIsStored() {
    int[] argument = {1, 2, 3};
    Object key = Keys.of(5, ContentKeys.snapshot(argument));
    Object stored = ContentKeys.stableOf(key);
    assertNotSame(key, stored);
    assertEquals(key, stored);
    argument[0] = 99;
    assertEquals(Keys.of(5, ContentKeys.snapshot(new int[] {1, 2, 3})), stored);
    Object plain = Keys.of(5, "text");
    assertSame(plain, ContentKeys.stableOf(plain), "nothing borrowed, nothing copied");
  }
}
