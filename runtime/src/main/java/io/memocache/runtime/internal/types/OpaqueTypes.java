package io.memocache.runtime.internal.types;

import java.util.ArrayList;
import java.util.List;

/*
 * Design note: some objects are not data at all but handles on the running process: threads,
 * streams, sockets, connections, locks, class loaders, lambdas. Hashing them by fields would key by
 * implementation details that change under us, and copying them would produce broken clones, so
 * both the key snapshot and the copier refuse them with a message that names the type. JDBC types
 * are named as strings: java.sql may not be in the module graph.
 */

/** Types that are handles on the running process, never data. For memocache's own use. */
public final class OpaqueTypes {
  private static final List<Class<?>> OPAQUE = load();

  private static final ClassValue<Boolean> IS_OPAQUE =
      new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
          if (type.isSynthetic() || type.isHidden()) {
            return true;
          }
          for (Class<?> opaque : OPAQUE) {
            if (opaque.isAssignableFrom(type)) {
              return true;
            }
          }
          return false;
        }
      };

  private OpaqueTypes() {}

  public static boolean isOpaque(Class<?> type) {
    return IS_OPAQUE.get(type);
  }

  private static List<Class<?>> load() {
    List<Class<?>> types = new ArrayList<>();
    for (String name :
        List.of(
            "java.lang.Thread",
            "java.lang.ThreadGroup",
            "java.lang.ClassLoader",
            "java.lang.Process",
            "java.lang.ref.Reference",
            "java.io.InputStream",
            "java.io.OutputStream",
            "java.io.Reader",
            "java.io.Writer",
            "java.io.RandomAccessFile",
            "java.net.Socket",
            "java.net.ServerSocket",
            "java.net.DatagramSocket",
            "java.nio.channels.Channel",
            "java.util.Iterator",
            "java.util.Spliterator",
            "java.util.concurrent.Executor",
            "java.util.concurrent.Future",
            "java.util.concurrent.locks.Lock",
            "java.util.concurrent.locks.ReadWriteLock",
            "java.util.concurrent.locks.Condition",
            "java.util.stream.BaseStream",
            "java.sql.Connection",
            "java.sql.Statement",
            "java.sql.ResultSet",
            "javax.sql.DataSource")) {
      try {
        types.add(Class.forName(name, false, ClassLoader.getSystemClassLoader()));
      } catch (ClassNotFoundException | LinkageError e) {
        // Not in this runtime's module graph: nothing of that type can be passed in.
      }
    }
    return List.copyOf(types);
  }
}
