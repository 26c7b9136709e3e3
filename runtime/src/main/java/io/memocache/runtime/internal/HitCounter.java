package io.memocache.runtime.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/*
 * Design note.
 *
 * Every hit is counted, and a hit is the hottest path of the library, so the counter must cost
 * little next to the lookup it counts. A LongAdder costs one locked instruction per increment (a
 * full fence, about 2.5 ns here), more than half of a whole ConcurrentHashMap lookup.
 *
 * So most hits are counted by a plain write to memory no other thread writes: a cell owned by one
 * thread. Cells are found by thread id (ids are unique for the life of the JVM and never reused)
 * in a small table indexed by the id's low bits. The first thread to hit through a free slot
 * installs a cell naming it as the owner, with a compare-and-set; from then on that thread counts
 * with a load, an add and an opaque store: no lock, no fence. Any other thread whose slot is
 * taken counts in a LongAdder, which is what the counter would be without cells. Consecutive
 * thread ids (a pool starting its threads) land in different slots, so the threads of a small
 * pool usually each own a cell.
 *
 * The owner writes with opaque stores and readers read with opaque loads: a 64-bit count is never
 * torn, and a reader sees every increment that happened before it synchronized with the owner
 * (joined it, say). A sum is therefore exact for a quiescent counter and a snapshot of a moment for
 * a busy one, as LongAdder.sum() is.
 *
 * A cell refers to its owner weakly: a Thread references its context class loader, and a cache
 * must not keep a dropped class loader alive. When the owner has ended, reclaimDeadOwners (run by
 * stats, and now and then by a miss) replaces the cell with an ownerless one holding the same
 * count, in one compare-and-set, so a sum never misses it; the next thread through that slot takes
 * it over together with its count. Thread pools that replace their threads thus keep their fast
 * counting.
 *
 * Cells are padded on both sides, so two owners on two cores never write the same cache line.
 * That makes a cell about 280 bytes, allocated when a thread first hits the method through a free
 * slot: at most 4 cells a method on a 2-core machine, 64 on 32 cores and more.
 *
 * On JDK 17 the id comes from Thread.getId(), which a Thread subclass may override; there the hot
 * path of a thread of any subclass also checks that the cell's owner is this very thread
 * (Reference.refersTo), so two threads never share one owned cell. Plain Threads, which cannot
 * override anything, skip that check: it measured about 1 ns a hit.
 */

/** An exact, always-on hit counter whose increments take no lock and, mostly, no fence. */
final class HitCounter {
  private static final int SLOTS = slotCount(Runtime.getRuntime().availableProcessors());
  private static final long NO_OWNER = -1;
  /**
   * Whether the id comes from the final Thread.threadId() (JDK 19+). JDK 17's getId() can be
   * overridden to return anything, so there the owner is also compared as a thread.
   */
  private static final boolean ID_IS_UNIQUE = Runtime.version().feature() >= 19;
  private static final MethodHandle THREAD_ID = threadIdHandle();
  private static final VarHandle CELLS = MethodHandles.arrayElementVarHandle(OwnedCell[].class);

  private final OwnedCell[] cells = new OwnedCell[SLOTS];
  private final LongAdder shared = new LongAdder();

  /**
   * Returns the number of cells: two per processor, at least 4 and at most 64, a power of two.
   *
   * @param processors the number of processors
   * @return the number of cells
   */
  static int slotCount(int processors) {
    int wanted = Math.max(4, Math.min(64, processors * 2));
    return Integer.highestOneBit(wanted - 1) << 1;
  }

  /** Counts one hit of the calling thread. */
  void increment() {
    Thread current = Thread.currentThread();
    long id = threadId(current);
    OwnedCell cell = cells[(int) id & (SLOTS - 1)];
    if (cell != null && cell.owner == id && (ID_IS_UNIQUE || trustedId(current, cell))) {
      cell.increment();
    } else {
      incrementWithoutCell(id, cell);
    }
  }

  /**
   * On JDK 17: whether the cell whose owner id the thread reported really is the thread's. A plain
   * Thread cannot lie about its id; a subclass might override getId(), so it is compared as an
   * object (a load and a compare more).
   */
  private static boolean trustedId(Thread thread, OwnedCell cell) {
    return thread.getClass() == Thread.class || cell.ownedBy(thread);
  }

  /** Thread.threadId() where there is one (JDK 19+): final, unlike getId(), which it replaces. */
  private static MethodHandle threadIdHandle() {
    String name = ID_IS_UNIQUE ? "threadId" : "getId";
    try {
      return MethodHandles.publicLookup()
          .findVirtual(Thread.class, name, MethodType.methodType(long.class));
    } catch (ReflectiveOperationException impossible) {
      throw new ExceptionInInitializerError(impossible);
    }
  }

  private static long threadId(Thread thread) {
    try {
      return (long) THREAD_ID.invokeExact(thread);
    } catch (Throwable impossible) {
      throw new AssertionError(impossible);
    }
  }

  /** Claims the slot if it is free or ownerless, else counts in the shared adder. */
  private void incrementWithoutCell(long id, OwnedCell seen) {
    if (seen == null || seen.owner == NO_OWNER) {
      int slot = (int) id & (SLOTS - 1);
      // Read again with acquire: an ownerless cell's count must be seen as it was published.
      OwnedCell cell = (OwnedCell) CELLS.getVolatile(cells, slot);
      if (cell == null || cell.owner == NO_OWNER) {
        long inherited = cell == null ? 0 : cell.get();
        OwnedCell mine = new OwnedCell(id, Thread.currentThread(), inherited + 1);
        if (CELLS.compareAndSet(cells, slot, cell, mine)) {
          return;
        }
      }
    }
    shared.increment();
  }

  /**
   * Returns the number of hits counted so far.
   *
   * @return the sum of every cell and of the shared adder
   */
  long sum() {
    long sum = shared.sum();
    for (int i = 0; i < SLOTS; i++) {
      OwnedCell cell = (OwnedCell) CELLS.getVolatile(cells, i);
      if (cell != null) {
        sum += cell.get();
      }
    }
    return sum;
  }

  /** Frees the cells of every thread that has ended, keeping their counts. */
  void reclaimDeadOwners() {
    for (int i = 0; i < SLOTS; i++) {
      reclaimIfOwnerDied(i);
    }
  }

  /**
   * Called on each miss: one call in 64, drawn at random, checks a slot for an ended owner, so threads
   * that replace ended ones take their slots over without anyone reading the statistics.
   */
  void reclaimNowAndThen() {
    // Drawn per thread, so misses write nothing that hits read.
    int draw = ThreadLocalRandom.current().nextInt();
    if ((draw & 63) == 0) {
      reclaimIfOwnerDied((draw >>> 6) & (SLOTS - 1));
    }
  }

  private void reclaimIfOwnerDied(int slot) {
    OwnedCell cell = (OwnedCell) CELLS.getVolatile(cells, slot);
    if (cell != null && cell.owner != NO_OWNER && cell.ownerEnded()) {
      // The owner has ended: isAlive() returning false orders its last increment before this
      // read of its count. A cleared reference has no such edge in the memory model, but the
      // owner ended long enough ago to be collected, at a safepoint after its last store.
      CELLS.compareAndSet(cells, slot, cell, new OwnedCell(NO_OWNER, null, cell.get()));
    }
  }

  /**
   * Tells whether the thread counts its hits in a cell of its own, not in the shared adder.
   *
   * @param thread a thread
   * @return true when a cell names the thread as its owner
   */
  boolean countsInOwnCell(Thread thread) {
    long id = threadId(thread);
    OwnedCell cell = (OwnedCell) CELLS.getVolatile(cells, (int) id & (SLOTS - 1));
    return cell != null && cell.owner == id && cell.ownedBy(thread);
  }

  /** Padding before the value, so the cell shares no cache line with what precedes it. */
  @SuppressWarnings("unused")
  abstract static class PadBefore {
    long p00, p01, p02, p03, p04, p05, p06, p07;
    long p10, p11, p12, p13, p14, p15, p16;
  }

  /** The owner and its count. */
  abstract static class CellValue extends PadBefore {
    static final VarHandle COUNT;

    static {
      try {
        COUNT = MethodHandles.lookup().findVarHandle(CellValue.class, "count", long.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    final long owner;
    final WeakReference<Thread> ownerThread;
    long count;

    CellValue(long owner, Thread ownerThread, long count) {
      this.owner = owner;
      this.ownerThread = new WeakReference<>(ownerThread);
      this.count = count;
    }
  }

  /** A cell written only by the thread whose id it holds; padding after the value. */
  @SuppressWarnings("unused")
  static final class OwnedCell extends CellValue {
    long q00, q01, q02, q03, q04, q05, q06, q07;
    long q10, q11, q12, q13, q14, q15, q16;

    OwnedCell(long owner, Thread ownerThread, long count) {
      super(owner, ownerThread, count);
    }

    /** Only the owner calls this: no other thread writes {@code count} of an owned cell. */
    void increment() {
      COUNT.setOpaque(this, count + 1);
    }

    long get() {
      return (long) COUNT.getOpaque(this);
    }

    /** True when the thread is this cell's owner. */
    boolean ownedBy(Thread thread) {
      return ownerThread.refersTo(thread);
    }

    /** True once the owner has terminated (a thread that was collected has terminated too). */
    boolean ownerEnded() {
      Thread thread = ownerThread.get();
      return thread == null || !thread.isAlive();
    }
  }
}
