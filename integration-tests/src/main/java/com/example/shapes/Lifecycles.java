package com.example.shapes;

import io.memocache.Singleton;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** SPEC section 12: singletons with validate and onRelease methods. */
public class Lifecycles {
  /** Counts releases across all resources, so a test can order a release against a call. */
  public static final AtomicLong RELEASES = new AtomicLong();

  /** Every resource created since the last reset, in creation order. */
  public static final Queue<Resource> CREATED = new ConcurrentLinkedQueue<>();

  /** How often {@link #isUsable} ran. */
  public static final AtomicInteger VALIDATIONS = new AtomicInteger();

  /** A resource that remembers whether, and when, it was released. */
  public static final class Resource {
    public final String name;
    public final Lifecycles owner;
    public volatile boolean broken;
    public final AtomicInteger releases = new AtomicInteger();
    /** The value of {@link #RELEASES} after this resource's first release, 0 before. */
    public volatile long releasedAt;

    Resource(String name, Lifecycles owner) {
      this.name = name;
      this.owner = owner;
      CREATED.add(this);
    }

    void release() {
      if (releases.incrementAndGet() == 1) {
        releasedAt = RELEASES.incrementAndGet();
      }
    }

    @Override
    public String toString() {
      return "Resource[" + name + "]";
    }
  }

  /** Instances whose release method ran, to show which instance an instance hook runs on. */
  public final Queue<Resource> releasedHere = new ConcurrentLinkedQueue<>();

  public static void reset() {
    CREATED.clear();
    VALIDATIONS.set(0);
    rejections = new CountDownLatch(0);
  }

  @Singleton(validate = "isUsable", onRelease = "shutdown")
  public Resource connection(String name) throws InterruptedException {
    Calls.record("connection");
    return new Resource(name, this);
  }

  /** When set, {@link #isUsable} rejecting a resource waits until this many callers saw it. */
  public static volatile CountDownLatch rejections = new CountDownLatch(0);

  boolean isUsable(Resource resource) throws InterruptedException {
    VALIDATIONS.incrementAndGet();
    if (resource.broken) {
      rejections.countDown();
      if (!rejections.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("not every caller saw the rejected resource");
      }
    }
    return !resource.broken;
  }

  protected void shutdown(Object resource) {
    releasedHere.add((Resource) resource);
    ((Resource) resource).release();
  }

  /** Holds one computation of {@link #gated} after it created its resource, until opened. */
  public static final class Gate {
    public final CountDownLatch entered = new CountDownLatch(1);
    public final CountDownLatch open = new CountDownLatch(1);
  }

  /** The gate the next computation of {@link #gated} stops at; taken by it, so only once. */
  public static volatile Gate gate;

  /** A singleton whose computation a test can hold, to clear while it runs. */
  @Singleton(onRelease = "shutdown")
  public Resource gated(String name) throws InterruptedException {
    Calls.record("gated");
    Resource resource = new Resource(name + "#" + Calls.count("gated"), this);
    Gate held = gate;
    gate = null;
    if (held != null) {
      held.entered.countDown();
      if (!held.open.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the gate was never opened");
      }
    }
    return resource;
  }

  @Singleton(maxEntries = 2, onRelease = "shutdown")
  public Resource bounded(int n) {
    return new Resource("bounded" + n, this);
  }

  @Singleton(ttl = "50ms", onRelease = "shutdown")
  public Resource expiring(String name) {
    return new Resource(name, this);
  }

  @Singleton(validate = "isOpen", onRelease = "close")
  public static Resource shared(String name) {
    Calls.record("shared");
    return new Resource(name, null);
  }

  static boolean isOpen(Resource resource) {
    return !resource.broken;
  }

  static void close(Resource resource) {
    resource.release();
  }

  @Singleton(onRelease = "explode")
  public Resource explosive(String name) {
    return new Resource(name, this);
  }

  void explode(Resource resource) {
    resource.release();
    throw new IllegalStateException("onRelease failed on purpose");
  }
}
