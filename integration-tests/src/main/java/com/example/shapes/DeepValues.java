package com.example.shapes;

import io.memocache.Memo;
import java.util.ArrayList;
import java.util.List;

/** Results whose graphs are far deeper than a thread's stack could recurse through. */
public class DeepValues {
  /** A user linked-list node; every node of one list points to the same mutable tag. */
  public static final class Link {
    public int value;
    public Link next;
    public Tag tag;
  }

  /** A mutable object shared by every node of a list. */
  public static final class Tag {
    public String name;
  }

  /** An order whose item holds something that cannot be copied. */
  public static final class Order {
    public final List<Item> items = new ArrayList<>();
  }

  /** One item of an order. */
  public static final class Item {
    public Owner owner;
  }

  /** Owns a thread, which no copy can duplicate. */
  public static final class Owner {
    public Thread lock = new Thread(() -> {});
  }

  @Memo
  public Link chain(int length) {
    Calls.record("chain");
    return build(length, false);
  }

  @Memo
  public Link loop(int length) {
    Calls.record("loop");
    return build(length, true);
  }

  @Memo
  public Order order(int lockedItem) {
    Calls.record("order");
    Order order = new Order();
    for (int i = 0; i <= lockedItem; i++) {
      Item item = new Item();
      item.owner = i == lockedItem ? new Owner() : null;
      order.items.add(item);
    }
    return order;
  }

  private static Link build(int length, boolean cyclic) {
    Tag tag = new Tag();
    tag.name = "shared";
    Link head = null;
    Link last = null;
    for (int i = length - 1; i >= 0; i--) {
      Link link = new Link();
      link.value = i;
      link.next = head;
      link.tag = tag;
      head = link;
      last = last == null ? link : last;
    }
    if (cyclic && last != null) {
      last.next = head;
    }
    return head;
  }
}
