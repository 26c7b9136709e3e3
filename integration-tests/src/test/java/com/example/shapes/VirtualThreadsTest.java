package com.example.shapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.memocache.runtime.MemoCaches;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * JDK 21+: a virtual thread waiting for another caller's computation unmounts from its carrier.
 * Were waiting to pin carriers, the waiters here (far more than there are carriers) would hold
 * them all, and the virtual thread that opens the computation's gate would never run.
 */
class VirtualThreadsTest {
  @BeforeEach
  void fresh() {
    MemoCaches.clearAll();
    Calls.reset();
  }

  @AfterEach
  void openGate() {
    Gated.gate.countDown();
  }

  /** Starts a virtual thread, through reflection so that this source compiles on JDK 17. */
  private static Thread startVirtual(Runnable task) throws ReflectiveOperationException {
    Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
    Method start = Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class);
    return (Thread) start.invoke(builder, task);
  }

  @Test
  void virtualWaiters_neverPinTheirCarriers() {
    assumeTrue(Runtime.version().feature() >= 21, "virtual threads need JDK 21");
    Gated gated = new Gated_Cached();
    int waiters = 20 * Runtime.getRuntime().availableProcessors() + 32;
    assertTimeoutPreemptively(
        Duration.ofSeconds(30),
        () -> {
          Gated.gate = new CountDownLatch(1);
          AtomicInteger correct = new AtomicInteger();
          List<Thread> threads = new ArrayList<>();
          for (int i = 0; i < waiters; i++) {
            threads.add(
                startVirtual(
                    () -> {
                      try {
                        if (gated.value(21) == 42) {
                          correct.incrementAndGet();
                        }
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                    }));
          }
          // Give the waiters time to block, then open the gate from yet another virtual thread.
          Thread.sleep(200);
          threads.add(startVirtual(() -> Gated.gate.countDown()));
          for (Thread thread : threads) {
            thread.join();
          }
          assertEquals(waiters, correct.get());
          assertEquals(1, Calls.count("gated"));
        });
  }
}
