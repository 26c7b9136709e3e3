package io.memocache.runtime.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** User-style types for the key and copy matrices, shared by the runtime's test packages. */
public final class Samples {
  private Samples() {}

  public enum Color {
    RED,
    GREEN,
    BLUE {
      @Override
      public String toString() {
        return "blue";
      }
    }
  }

  public record Point(int x, int y) {}

  public record Tagged(String tag, int[] values) {}

  public record Line(Point from, Point to, List<String> labels) {}

  public record Pair<A, B>(A first, B second) {}

  /** A plain mutable bean. */
  public static class Bean {
    public String name;
    public int count;
    public List<String> tags = new ArrayList<>();
    public transient int cache;
    public static int instances;

    public Bean(String name, int count) {
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
  public static final class Account extends Bean {
    public final long id;

    public Account(long id, String name) {
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
  public static final class Node {
    public final String name;
    public final List<Node> next = new ArrayList<>();

    public Node(String name) {
      this.name = name;
    }
  }

  /** a -> b -> a, with the given names. */
  public static Node cycle(String first, String second) {
    Node a = new Node(first);
    Node b = new Node(second);
    a.next.add(b);
    b.next.add(a);
    return a;
  }

  /** Holds a thread: not data. */
  public static final class HoldsThread {
    public final String name = "worker";
    public final Thread thread = new Thread(() -> {});
  }
}
