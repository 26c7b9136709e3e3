package io.memocache.spring;

/**
 * Finds the class the memocache processor generated for a class: {@code com.acme.Foo} gives {@code
 * com.acme.Foo_Cached}, {@code com.acme.Outer.Inner} gives {@code com.acme.Outer_Inner_Cached}, in
 * the same package and class loader.
 */
final class CachedClasses {
  private static final String SUFFIX = "_Cached";

  private static final ClassValue<Class<?>> GENERATED =
      new ClassValue<>() {
        @Override
        protected Class<?> computeValue(Class<?> type) {
          if (type.isPrimitive() || type.isArray() || type.isInterface() || type.isAnnotation()) {
            return null;
          }
          return load(type.getName(), type.getClassLoader());
        }
      };

  private CachedClasses() {}

  /** Returns the name of the class generated for the class of this binary name. */
  static String generatedName(String binaryName) {
    int simpleStart = binaryName.lastIndexOf('.') + 1;
    return binaryName.substring(0, simpleStart)
        + binaryName.substring(simpleStart).replace('$', '_')
        + SUFFIX;
  }

  /** Returns the class generated for {@code type}, or null when it has none. */
  static Class<?> generatedFor(Class<?> type) {
    return GENERATED.get(type);
  }

  /**
   * Returns the generated class of the class of this binary name if it is a subclass of it (the
   * shape Spring can instantiate in its place), else null. Loads nothing unless the generated class
   * exists: bean classes stay unloaded until Spring loads them itself.
   */
  static Class<?> generatedSubclassOf(String binaryName, ClassLoader loader) {
    Class<?> generated = load(binaryName, loader);
    return generated != null && generated.getSuperclass().getName().equals(binaryName)
        ? generated
        : null;
  }

  /** Returns true if {@code type} is the generated subclass of its superclass. */
  static boolean isGeneratedSubclass(Class<?> type) {
    Class<?> superclass = type.getSuperclass();
    return superclass != null
        && type.getName().endsWith(SUFFIX)
        && generatedFor(superclass) == type;
  }

  private static Class<?> load(String binaryName, ClassLoader loader) {
    if (loader == null || binaryName.endsWith(SUFFIX) || binaryName.contains("$$")) {
      return null; // JDK classes, generated classes and CGLIB subclasses have none
    }
    String generated = generatedName(binaryName);
    if (loader.getResource(generated.replace('.', '/') + ".class") == null) {
      return null;
    }
    try {
      return Class.forName(generated, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }
}
