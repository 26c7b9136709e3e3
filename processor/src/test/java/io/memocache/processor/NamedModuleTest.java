package io.memocache.processor;

import static com.google.common.truth.Truth.assertThat;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC 13: generated code compiles in a named module. {@code @Generated} lives in the {@code
 * java.compiler} module, which a user's module does not read unless it asks to, so the processor
 * writes it only where the module reads that module.
 *
 * <p>Compiled from files by javac itself (Compile Testing's in-memory files do not form a module).
 * The memocache jars are on the class path, which the module reads through {@code --add-reads}:
 * what is under test is the module's view of the JDK, not memocache's module names
 * (integration-tests-jpms runs memocache as real modules).
 */
class NamedModuleTest {
  @TempDir Path dir;

  /** Compiles module com.example.modular with the given requires; returns the generated source. */
  private String compileModule(String... requires) throws IOException {
    StringBuilder moduleInfo = new StringBuilder("module com.example.modular {\n");
    for (String module : requires) {
      moduleInfo.append("  requires ").append(module).append(";\n");
    }
    // Not exported: an exported package would draw lint warnings about the test's own class.
    moduleInfo.append("}\n");
    Path sources = Files.createDirectories(dir.resolve("src/com/example/modular"));
    Files.writeString(dir.resolve("src/module-info.java"), moduleInfo, UTF_8);
    Files.writeString(
        sources.resolve("Service.java"),
        String.join(
            "\n",
            "package com.example.modular;",
            "import io.memocache.Memo;",
            "public class Service {",
            "  @Memo public String greet(String name) { return \"hello \" + name; }",
            "}",
            ""),
        UTF_8);
    Path classes = Files.createDirectories(dir.resolve("classes"));
    Path generated = Files.createDirectories(dir.resolve("generated"));

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter diagnostics = new StringWriter();
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, UTF_8)) {
      JavaCompiler.CompilationTask task =
          javac.getTask(
              diagnostics,
              files,
              null,
              List.of(
                  "-Xlint:all,-processing",
                  "-Werror",
                  "--class-path",
                  System.getProperty("java.class.path"),
                  "--add-reads",
                  "com.example.modular=ALL-UNNAMED",
                  "-d",
                  classes.toString(),
                  "-s",
                  generated.toString()),
              null,
              files.getJavaFileObjects(
                  dir.resolve("src/module-info.java"), sources.resolve("Service.java")));
      task.setProcessors(List.of(new MemoProcessor()));
      boolean compiled = task.call();
      assertThat(diagnostics.toString()).isEmpty();
      assertThat(compiled).isTrue();
    }
    return Files.readString(generated.resolve("com/example/modular/Service_Cached.java"), UTF_8);
  }

  @Test
  void moduleWithoutJavaCompiler_compilesWithoutGenerated() throws IOException {
    assertThat(compileModule()).doesNotContain("Generated");
  }

  @Test
  void moduleReadingJavaCompiler_getsGenerated() throws IOException {
    assertThat(compileModule("static java.compiler"))
        .contains("@Generated(\"io.memocache.processor.MemoProcessor\")");
  }

  @Test
  void moduleReadingJavaCompilerThroughJavaSe_getsGenerated() throws IOException {
    assertThat(compileModule("java.se")).contains("@Generated(");
  }
}
