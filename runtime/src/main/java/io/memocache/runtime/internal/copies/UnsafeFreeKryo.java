package io.memocache.runtime.internal.copies;

import com.esotericsoftware.kryo.Kryo;

/*
 * Design note: this loads Kryo's Util class, which decides once, in its static initializer, whether Kryo uses
 * sun.misc.Unsafe: unless the system property kryo.unsafe is "false", it loads Kryo's UnsafeUtil,
 * whose memory-access calls make JDK 24+ print a deprecation warning on stderr (JEP 498). Our
 * copies need none of it. Kryo 5.6.2 offers no other switch, and its own constructor loads Util,
 * so no configuration of a Kryo instance can come first. On JDK 24+, when the application has
 * not decided itself, the property is therefore set only while Util initializes, before the
 * first Kryo exists, and removed again: nothing of it stays in the application's properties.
 * Where the application already loaded Util (it uses Kryo itself), loading it again does nothing.
 */

/** Takes Kryo's process-wide Unsafe decision before any Kryo exists. For memocache's own use. */
public final class UnsafeFreeKryo {
  private static final String PROPERTY = "kryo.unsafe";

  static {
    if (Runtime.version().feature() >= 24 && System.getProperty(PROPERTY) == null) {
      System.setProperty(PROPERTY, "false");
      try {
        Class.forName("com.esotericsoftware.kryo.util.Util", true, Kryo.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new NoClassDefFoundError(e.getMessage());
      } finally {
        System.getProperties().remove(PROPERTY, "false");
      }
    }
  }

  private UnsafeFreeKryo() {}

  /** Makes Kryo's process-wide Unsafe decision, once; call before creating any Kryo. */
  public static void load() {}
}
