package io.memocache.runtime.internal.copies;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memocache.runtime.internal.Samples;
import io.memocache.runtime.internal.Samples.Bean;
import io.memocache.runtime.internal.Samples.Point;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which stored values can be copied without reference tracking. */
class GraphShapesTest {
  @Test
  void graphsThatReachEveryMutableObjectOnce_areTrees() {
    assertTrue(GraphShapes.isTree(new ArrayList<>(List.of(new Bean("a", 1), new Bean("b", 2)))));
    Map<String, double[]> table = new HashMap<>();
    table.put("x", new double[3]);
    table.put("y", new double[3]);
    assertTrue(GraphShapes.isTree(table));
    assertTrue(GraphShapes.isTree(new Samples.Tagged("t", new int[2])));
    assertTrue(GraphShapes.isTree(Optional.of(new ArrayList<>(List.of(new Date())))));
    assertTrue(GraphShapes.isTree(new Object[] {new Samples.Account(1, "a"), new int[1]}));
  }

  @Test
  void sharedImmutableValues_stillMakeATree() {
    Point shared = new Point(1, 2);
    String name = "shared";
    assertTrue(GraphShapes.isTree(new ArrayList<>(List.of(shared, shared, name, name))));
  }

  @Test
  void aMutableObjectReachedTwice_isNotATree() {
    Bean shared = new Bean("a", 1);
    assertFalse(GraphShapes.isTree(new ArrayList<>(List.of(shared, shared))));
    int[] array = new int[1];
    assertFalse(GraphShapes.isTree(new Samples.Pair<>(array, array)));
    Map<String, Object> map = new HashMap<>();
    map.put("self", map);
    assertFalse(GraphShapes.isTree(map));
  }

  @Test
  void cycles_areNotTrees() {
    assertFalse(GraphShapes.isTree(Samples.cycle("a", "b")));
  }

  @Test
  void whatTheWalkCannotSeeInto_isNotProvablyATree() {
    List<Bean> backing = new ArrayList<>(List.of(new Bean("a", 1)));
    assertFalse(GraphShapes.isTree(Collections.unmodifiableList(backing)), "a wrapper");
    assertFalse(GraphShapes.isTree(backing.subList(0, 1)), "a view");
    assertFalse(GraphShapes.isTree(new java.util.concurrent.atomic.AtomicReference<>(backing)));
  }
}
