package io.memocache.examples;

import com.zaxxer.hikari.HikariDataSource;
import io.memocache.runtime.CacheStats;
import io.memocache.runtime.MemoCaches;
import io.memocache.runtime.SingletonCaches;
import java.io.PrintStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * memocache's main job on a real database: a data app that pages through a table of RNA sequences
 * with a shared connection pool ({@code @Singleton}) and cached pages ({@code @Memo(persist =
 * true)}: run it twice, and the second run serves its pages from the memo store on disk).
 */
public final class RnaDemo {
  static final int PAGE_SIZE = 50;
  static final int[] PAGES = {0, 10, 100, 1000};
  static final int WORKERS = 4;

  private final PrintStream out;
  private final RnaBrowser browser = new RnaBrowser_Cached();

  private RnaDemo(PrintStream out) {
    this.out = out;
  }

  /**
   * Runs the demo on 100,000 rows, or as many as the first argument says.
   *
   * @param args optionally, the number of rows
   * @throws Exception if the database fails
   */
  public static void main(String[] args) throws Exception {
    run(System.out, args.length > 0 ? Integer.parseInt(args[0]) : 100_000);
  }

  /**
   * Runs every part of the demo, printing to {@code out}. The memo store is left as it is: what an
   * earlier run of the demo stored there is what the persisted pages show.
   */
  static void run(PrintStream out, int rows) throws Exception {
    SingletonCaches.clearAll();
    new RnaDemo(out).runAll(rows);
  }

  private void runAll(int rows) throws Exception {
    out.println("memocache demo: paging through RNA sequences in an embedded H2 database");
    out.println();
    DataSource pool = browser.dataSource();
    long start = System.nanoTime();
    RnaDatabase.seed(pool, rows);
    out.printf("Seeded %,d rows in %,d ms.%n%n", rows, millis(start));

    singletonAcrossThreads(pool);
    firstAndRepeatedCalls(pool);
    mutationLeavesCacheUntouched(pool);
    recursionHitsTheCache();
    clears(pool);
    statistics();
    keptForTheNextRun();
    ((HikariDataSource) browser.dataSource()).close();
  }

  private void singletonAcrossThreads(DataSource pool) throws Exception {
    out.println("1. @Singleton dataSource(): one pool, the same instance on every thread");
    Set<Integer> identities = ConcurrentHashMap.newKeySet();
    ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
    try {
      List<Future<?>> calls = new ArrayList<>();
      for (int i = 0; i < WORKERS; i++) {
        calls.add(
            workers.submit(
                () -> {
                  DataSource mine = browser.dataSource();
                  identities.add(System.identityHashCode(mine));
                  out.printf(
                      "   %-16s got pool @%08x%n",
                      Thread.currentThread().getName(), System.identityHashCode(mine));
                }));
      }
      for (Future<?> call : calls) {
        call.get(30, TimeUnit.SECONDS);
      }
    } finally {
      workers.shutdown();
    }
    out.printf(
        "   same instance: %s; pools created: %d%n%n",
        identities.size() == 1 && identities.contains(System.identityHashCode(pool)) ? "yes" : "NO",
        RnaBrowser.POOLS_CREATED.get());
  }

  private void firstAndRepeatedCalls(DataSource pool) throws Exception {
    out.printf(
        "2. @Memo getPage(_dataSource, %d, page) from %d worker threads%n", PAGE_SIZE, WORKERS);
    out.println("   page   first call   repeated call   speed-up   rows");
    ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
    try {
      for (int page : PAGES) {
        long first = timeOnWorkers(workers, pool, page);
        long repeated = timeOnWorkers(workers, pool, page);
        out.printf(
            "   %4d   %8.2f ms   %10.3f ms   %7.0fx   %4d%n",
            page,
            first / 1e6,
            repeated / 1e6,
            (double) first / Math.max(1, repeated),
            browser.getPage(pool, PAGE_SIZE, page).rows().size());
      }
    } finally {
      workers.shutdown();
    }
    out.printf(
        "   queries run: %d for %d pages x %d threads x 2 rounds%n",
        RnaBrowser.PAGE_QUERIES.get(), PAGES.length, WORKERS);
    out.printf(
        "   pages served from the memo store: %d (stored there by earlier runs of the demo)%n%n",
        getPageStats().storeHits());
  }

  private static CacheStats getPageStats() {
    return MemoCaches.stats().stream()
        .filter(stats -> stats.className().equals("RnaBrowser"))
        .filter(stats -> stats.methodName().equals("getPage"))
        .findFirst()
        .orElseThrow();
  }

  /** Calls getPage on every worker at once; returns the slowest worker's time. */
  private long timeOnWorkers(ExecutorService workers, DataSource pool, int page) throws Exception {
    List<Future<Long>> calls = new ArrayList<>();
    for (int i = 0; i < WORKERS; i++) {
      calls.add(
          workers.submit(
              () -> {
                long start = System.nanoTime();
                browser.getPage(pool, PAGE_SIZE, page);
                return System.nanoTime() - start;
              }));
    }
    long slowest = 0;
    for (Future<Long> call : calls) {
      slowest = Math.max(slowest, call.get(60, TimeUnit.SECONDS));
    }
    return slowest;
  }

  private void mutationLeavesCacheUntouched(DataSource pool) throws Exception {
    out.println("3. Returned pages are copies: mutating one never changes the cache");
    RnaPage mine = browser.getPage(pool, PAGE_SIZE, 0);
    String firstUid = mine.rows().get(0).uid();
    mine.rows().clear();
    RnaPage again = browser.getPage(pool, PAGE_SIZE, 0);
    out.printf("   my page after rows().clear(): %d rows%n", mine.rows().size());
    out.printf(
        "   next call: %d rows, first uid %s (unchanged: %s)%n%n",
        again.rows().size(),
        again.rows().get(0).uid(),
        again.rows().get(0).uid().equals(firstUid) ? "yes" : "NO");
  }

  private void recursionHitsTheCache() {
    out.println("4. Recursive @Memo factorial(n): recursion through this hits the cache");
    int before = RnaBrowser.FACTORIAL_BODIES.get();
    BigInteger fifty = browser.factorial(50);
    int forFifty = RnaBrowser.FACTORIAL_BODIES.get() - before;
    browser.factorial(60);
    int forSixty = RnaBrowser.FACTORIAL_BODIES.get() - before - forFifty;
    browser.factorial(40);
    int forForty = RnaBrowser.FACTORIAL_BODIES.get() - before - forFifty - forSixty;
    out.printf("   factorial(50) = %.6e: %d bodies ran%n", fifty.doubleValue(), forFifty);
    out.printf("   factorial(60) afterwards: %d bodies ran%n", forSixty);
    out.printf("   factorial(40) afterwards: %d bodies ran%n%n", forForty);
  }

  private void clears(DataSource pool) throws Exception {
    out.println("5. Clearing");
    int queries = RnaBrowser.PAGE_QUERIES.get();
    RnaBrowser_Cached.clearGetPage(PAGE_SIZE, 10);
    browser.getPage(pool, PAGE_SIZE, 10);
    boolean pageTenQueried = RnaBrowser.PAGE_QUERIES.get() == queries + 1;
    browser.getPage(pool, PAGE_SIZE, 100);
    boolean pageHundredCached = RnaBrowser.PAGE_QUERIES.get() == queries + 1;
    out.printf(
        "   clearGetPage(%d, 10): page 10 queried again: %s, page 100 still cached: %s%n",
        PAGE_SIZE, pageTenQueried ? "yes" : "NO", pageHundredCached ? "yes" : "NO");

    queries = RnaBrowser.PAGE_QUERIES.get();
    RnaBrowser_Cached.clearGetPage();
    for (int page : PAGES) {
      browser.getPage(pool, PAGE_SIZE, page);
    }
    out.printf(
        "   clearGetPage(): all %d pages queried again: %s%n",
        PAGES.length, RnaBrowser.PAGE_QUERIES.get() == queries + PAGES.length ? "yes" : "NO");

    queries = RnaBrowser.PAGE_QUERIES.get();
    MemoCaches.clearAll();
    browser.getPage(pool, PAGE_SIZE, 0);
    DataSource samePool = browser.dataSource();
    out.printf(
        "   MemoCaches.clearAll(): page 0 queried again: %s, pool kept: %s%n",
        RnaBrowser.PAGE_QUERIES.get() == queries + 1 ? "yes" : "NO",
        samePool == pool ? "yes" : "NO");

    ((HikariDataSource) pool).close();
    SingletonCaches.clearAll();
    DataSource newPool = browser.dataSource();
    out.printf(
        "   SingletonCaches.clearAll(): new pool: %s (pools created: %d)%n%n",
        newPool != pool ? "yes" : "NO", RnaBrowser.POOLS_CREATED.get());
  }

  private void statistics() {
    out.println("6. MemoCaches.stats() and SingletonCaches.stats()");
    out.println("   method                                   hits  misses  computed  mean time");
    List<CacheStats> all = new ArrayList<>(MemoCaches.stats());
    all.addAll(SingletonCaches.stats());
    for (CacheStats stats : all) {
      if (stats.className().equals("RnaBrowser")) {
        out.printf(
            "   %-40s %5d  %6d  %8d  %7.3f ms%n",
            stats.method(),
            stats.hits(),
            stats.misses(),
            stats.computations(),
            stats.meanComputationTime().toNanos() / 1e6);
      }
    }
  }

  private void keptForTheNextRun() throws Exception {
    out.println("7. @Memo(persist = true): pages outlive this JVM");
    DataSource pool = browser.dataSource();
    for (int page : PAGES) {
      browser.getPage(pool, PAGE_SIZE, page);
    }
    CacheStats stats = getPageStats();
    out.printf(
        "   this run: %d pages served from the memo store, %d read it in vain, %d store errors%n",
        stats.storeHits(), stats.storeMisses(), stats.storeErrors());
    out.printf(
        "   pages %s are in the memo store: run the demo again to have them served from it%n",
        Arrays.toString(PAGES));
  }

  private static long millis(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }
}
