package io.memocache.processor;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/*
 * Design note: javac hands processors only elements reachable as members, so annotations on
 * methods of local and anonymous classes (declared inside method bodies) never reach
 * getElementsAnnotatedWith. Left alone they would be silently ignored, so this scanner walks the
 * method bodies of each root type's source and reports them. Those classes are not attributed yet,
 * so annotations are matched by name against the file's imports. Compilers without the javac tree
 * API (Trees.instance throws) simply skip the check.
 */

/** Reports {@code @Memo} and {@code @Singleton} on methods of local and anonymous classes. */
final class LocalClassScanner {
  private final Trees trees;

  private LocalClassScanner(Trees trees) {
    this.trees = trees;
  }

  static LocalClassScanner create(ProcessingEnvironment environment) {
    try {
      return new LocalClassScanner(Trees.instance(environment));
    } catch (IllegalArgumentException | LinkageError e) {
      return new LocalClassScanner(null);
    }
  }

  void scan(Element rootType) {
    if (trees == null) {
      return;
    }
    TreePath path = trees.getPath(rootType);
    if (path == null) {
      return;
    }
    CompilationUnitTree unit = path.getCompilationUnit();
    new TreePathScanner<Void, Integer>() {
      @Override
      public Void visitMethod(MethodTree method, Integer bodyDepth) {
        for (AnnotationTree annotation : method.getModifiers().getAnnotations()) {
          String display = cacheAnnotation(unit, annotation.getAnnotationType().toString());
          if (bodyDepth > 0 && display != null) {
            trees.printMessage(
                Diagnostic.Kind.ERROR,
                String.format(
                    "[MemoLocalClass] %s method '%s' is in a local or anonymous class, which"
                        + " generated code cannot name: move the method into a top-level or static"
                        + " nested class",
                    display,
                    method.getName()),
                method,
                unit);
          }
        }
        scan(method.getModifiers(), bodyDepth);
        scan(method.getParameters(), bodyDepth);
        return scan(method.getBody(), bodyDepth + 1);
      }

      @Override
      public Void scan(Tree tree, Integer bodyDepth) {
        // Field initializers and initializer blocks hold anonymous classes too.
        if (tree != null
            && (tree.getKind() == Tree.Kind.BLOCK || tree.getKind() == Tree.Kind.VARIABLE)
            && getCurrentPath() != null
            && getCurrentPath().getLeaf() instanceof ClassTree) {
          return super.scan(tree, bodyDepth + 1);
        }
        return super.scan(tree, bodyDepth);
      }
    }.scan(path, 0);
  }

  /** Returns the annotation as written for messages if the name means one of ours, else null. */
  private static String cacheAnnotation(CompilationUnitTree unit, String written) {
    for (String qualified : new String[] {ClassNames.MEMO, ClassNames.SINGLETON}) {
      String simple = qualified.substring(qualified.lastIndexOf('.') + 1);
      if (written.equals(qualified) || (written.equals(simple) && imports(unit, qualified))) {
        return "@" + simple;
      }
    }
    return null;
  }

  private static boolean imports(CompilationUnitTree unit, String qualified) {
    String packageName = qualified.substring(0, qualified.lastIndexOf('.'));
    if (unit.getPackageName() != null && unit.getPackageName().toString().equals(packageName)) {
      return true;
    }
    for (ImportTree importTree : unit.getImports()) {
      String imported = importTree.getQualifiedIdentifier().toString();
      if (!importTree.isStatic()
          && (imported.equals(qualified) || imported.equals(packageName + ".*"))) {
        return true;
      }
    }
    return false;
  }
}
