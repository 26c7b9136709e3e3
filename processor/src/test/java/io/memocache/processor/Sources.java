package io.memocache.processor;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;

/** Compiles test snippets through the processor the way a user's build does. */
final class Sources {
  private Sources() {}

  /** A source file {@code test/<name>.java} with the given lines after the package line. */
  static JavaFileObject file(String name, String... lines) {
    String[] all = new String[lines.length + 1];
    all[0] = "package test;";
    System.arraycopy(lines, 0, all, 1, lines.length);
    return JavaFileObjects.forSourceLines("test." + name, all);
  }

  /** Compiles with the processor and every lint warning on. */
  static Compilation compile(JavaFileObject... files) {
    return javac()
        .withProcessors(new MemoProcessor())
        .withOptions("-Xlint:all,-processing")
        .compile(files);
  }
}
