package com.example.shapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.memocache.runtime.MemoCaches;
import io.memocache.runtime.SingletonCaches;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.WeakReference;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Application servers and hot reload drop class loaders: memocache must not keep one alive through
 * its global registries, its Kryo pool or its per-class plans.
 */
class ClassLoaderLeakTest {
  @Test
  void droppedClassLoader_isCollectedAfterItsCachesWereUsed() throws Exception {
    WeakReference<ClassLoader> loader = useCachesInThrowawayLoader();
    for (int i = 0; i < 100 && loader.get() != null; i++) {
      System.gc();
      Thread.sleep(50);
    }
    assertNull(loader.get(), "the class loader is still reachable");
    MemoCaches.clearAll();
    SingletonCaches.clearAll();
  }

  private static WeakReference<ClassLoader> useCachesInThrowawayLoader() throws Exception {
    Path classes =
        Path.of(Values_Cached.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    ClassLoader loader = new ChildFirstLoader(classes);

    Class<?> valuesClass = loader.loadClass("com.example.shapes.Values_Cached");
    assertNotSame(Values_Cached.class, valuesClass);
    Object values = valuesClass.getConstructor().newInstance();
    Method getCounter = valuesClass.getMethod("getCounter", String.class);
    getCounter.invoke(values, "a");
    getCounter.invoke(values, "a"); // a hit: Kryo copies a class of the throwaway loader
    Method getBox = valuesClass.getMethod("getBox", String.class);
    getBox.invoke(values, "b");
    getBox.invoke(values, "b");
    valuesClass.getMethod("sharedList", String.class).invoke(values, "s");

    Class<?> keyedClass = loader.loadClass("com.example.shapes.Keyed_Cached");
    Object keyed = keyedClass.getConstructor().newInstance();
    Class<?> pointClass = loader.loadClass("com.example.shapes.Keyed$Point");
    Object point = pointClass.getConstructor(int.class, int.class).newInstance(1, 2);
    Method distance = keyedClass.getMethod("distance", pointClass);
    assertEquals(3, distance.invoke(keyed, point)); // content key of a record of that loader
    assertEquals(3, distance.invoke(keyed, point));
    keyedClass.getMethod("describe", Object.class).invoke(keyed, List.of(point));

    Class<?> boundedClass = loader.loadClass("com.example.shapes.Bounded_Cached");
    Object bounded = boundedClass.getConstructor().newInstance();
    for (int n = 0; n < 10; n++) {
      boundedClass.getMethod("small", int.class).invoke(bounded, n);
    }

    MemoCaches.clearAll();
    MemoCaches.stats();
    return new WeakReference<>(loader);
  }

  /** Loads the test's own classes afresh; everything else (memocache, JDK) from the parent. */
  private static final class ChildFirstLoader extends ClassLoader {
    private final Path classes;

    ChildFirstLoader(Path classes) {
      super(ClassLoaderLeakTest.class.getClassLoader());
      this.classes = classes;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.startsWith("com.example.shapes.")) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> loaded = findLoadedClass(name);
        if (loaded == null) {
          byte[] bytes;
          try {
            bytes = Files.readAllBytes(classes.resolve(name.replace('.', '/') + ".class"));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          loaded = defineClass(name, bytes, 0, bytes.length);
        }
        return loaded;
      }
    }
  }
}
