package io.memocache.runtime.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** User-style types for the key and copy matrices. */
final class Samples {
  private Samples() {}

  enum Color {
    RED,
    GREEN,
    BLUE {
      @Override
      public String toString() {
        return "blue";
      }
    }
  }

  record Point(int x, int y) {}

  record Tagged(String tag, int[] values) {}

  record Line(Point from, Point to, List<String> labels) {}

  record Pair<A, B>(A first, B second) {}

  /** A plain mutable bean. */
  static class Bean {
    String name;
    int count;
    List<String> tags = new ArrayList<>();
    transient int cache;
    static int instances;

    Bean(String name, int count) {
      this.name = name;
      this.count = count;
      instances++;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Bean other
          && Objects.equals(name, other.name)
          && count == other.count
          && tags.equals(other.tags);
    }

    @Override
    public int hashCode() {
      return Objects.hash(name, count, tags);
    }
  }

  /** Inherits fields, has final fields and no no-argument constructor. */
  static final class Account extends Bean {
    final long id;

    Account(long id, String name) {
      super(name, 0);
      this.id = id;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Account other && id == other.id && super.equals(o);
    }

    @Override
    public int hashCode() {
      return Long.hashCode(id);
    }
  }

  /** A node of a possibly cyclic graph. */
  static final class Node {
    final String name;
    final List<Node> next = new ArrayList<>();

    Node(String name) {
      this.name = name;
    }
  }

  /** a -> b -> a, with the given names. */
  static Node cycle(String first, String second) {
    Node a = new Node(first);
    Node b = new Node(second);
    a.next.add(b);
    b.next.add(a);
    return a;
  }

  /** Holds a thread: not data. */
  static final class HoldsThread {
    final String name = "worker";
    final Thread thread = new Thread(() -> {});
  }
}
