package io.memocache.runtime.internal.copies;

/*
 * Design note.
 *
 * A class in a named module can be copied field by field only if its module opens the class's
 * package to whoever calls setAccessible. memocache copies with its own code (io.memocache.runtime)
 * and with Kryo's serializers, which call setAccessible from Kryo's module (an automatic module
 * on the module path, or the unnamed module on the class path). Asking users to open their
 * packages to Kryo would make them name an implementation detail, and is impossible when Kryo is
 * on the class path (a module cannot open a package to the unnamed module alone). So users open
 * to io.memocache.runtime only, and the runtime passes that on: Module.addOpens may be called by
 * a module that the package is already open to, and opens it to Kryo's module as well. It runs
 * once per class, when Kryo picks the class's serializer, never on a hit.
 */

/** Passes on to Kryo the access a named module gives memocache, and says which is missing. */
final class ModuleAccess {
  private static final Module RUNTIME = ModuleAccess.class.getModule();

  private ModuleAccess() {}

  /**
   * Opens the packages of {@code type} and its superclasses to {@code other} wherever their
   * modules open them to memocache.
   */
  static void passOpensOn(Class<?> type, Module other) {
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      Module module = c.getModule();
      String pkg = c.getPackageName();
      if (module.isNamed() && module != other && module.isOpen(pkg, RUNTIME)
          && !module.isOpen(pkg, other)) {
        module.addOpens(pkg, other);
      }
    }
  }

  /**
   * Returns the line a module needs so that memocache can copy {@code type}, as a sentence
   * ("add 'opens p to io.memocache.runtime;' to module m"), or {@code ""} when nothing is missing.
   */
  static String missingOpens(Class<?> type) {
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      Module module = c.getModule();
      String pkg = c.getPackageName();
      if (module.isNamed() && !isJdk(c) && !module.isOpen(pkg, RUNTIME)) {
        String opens =
            RUNTIME.isNamed() ? "opens " + pkg + " to " + RUNTIME.getName() : "opens " + pkg;
        return "add '" + opens + ";' to module " + module.getName();
      }
    }
    return "";
  }

  /** JDK classes are never opened by an application: their opaque ones are refused anyway. */
  private static boolean isJdk(Class<?> c) {
    ClassLoader loader = c.getClassLoader();
    return loader == null || loader == ClassLoader.getPlatformClassLoader();
  }
}
