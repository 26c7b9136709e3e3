package io.memocache.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.ClassName;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.ModuleElement.RequiresDirective;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/*
 * Design note: rounds. javac calls every processor once per round, in processor-path order. Lombok
 * rewrites a class (constructors, final) during its turn in the round the class appears, so a
 * processor listed before Lombok sees the class unfinished. A class that carries annotations other
 * than the JDK's and ours is therefore generated one round later, when every processor has had its
 * turn; the rest are generated at once. javac starts another round only if this one generated a
 * file, and a file generated in the final round draws a warning and escapes other processors, so
 * when a round defers classes and generates nothing, an empty source file starts the next round.
 * Classes whose signatures mention types not generated yet wait the same way, until they resolve.
 */

/**
 * Generates {@code Foo_Cached} for every class {@code Foo} with methods annotated
 * {@code @io.memocache.Memo} or {@code @io.memocache.Singleton}.
 *
 * <p>Each class is validated, modelled and written on its own; a problem is reported as an error on
 * the element that causes it, and a class with errors gets no generated code. Classes whose
 * signatures mention types that another processor has yet to generate wait for a later round.
 */
@AutoService(Processor.class)
public final class MemoProcessor extends AbstractProcessor {
  private final Set<String> deferredTypes = new LinkedHashSet<>();
  private final Set<String> sourceTypeNames = new HashSet<>();
  private final Set<String> generatedTypeNames = new HashSet<>();
  private ErrorReporter errors;
  private CachedTypeValidator validator;
  private LocalClassScanner localClassScanner;
  private boolean sourceLevelReported;
  /** Classes seen in an earlier round: other processors have had their turn with them. */
  private final Set<String> seenTypes = new HashSet<>();
  private int generatedThisRound;

  /** Creates the processor; the compiler calls this. */
  public MemoProcessor() {}

  /**
   * Returns {@code "*"}: javac only reports annotations on members, so a processor registered for
   * {@code @Memo} alone would never run for a file whose only {@code @Memo} sits on a method of a
   * local or anonymous class, and that misuse would pass silently. The processor claims nothing.
   */
  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of("*");
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public synchronized void init(javax.annotation.processing.ProcessingEnvironment environment) {
    super.init(environment);
    errors = new ErrorReporter(environment.getMessager());
    validator =
        new CachedTypeValidator(errors, environment.getTypeUtils(), environment.getElementUtils());
    localClassScanner = LocalClassScanner.create(environment);
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    for (Element root : round.getRootElements()) {
      if (root instanceof TypeElement type) {
        sourceTypeNames.add(type.getQualifiedName().toString());
        localClassScanner.scan(type);
      }
    }
    Set<TypeElement> types = annotatedTypes(round);
    if (!types.isEmpty() && !sourceLevelSupported(types.iterator().next())) {
      return false;
    }
    for (String name : deferredTypes) {
      TypeElement type = processingEnv.getElementUtils().getTypeElement(name);
      if (type != null) {
        types.add(type);
      }
    }
    deferredTypes.clear();
    generatedThisRound = 0;
    List<TypeElement> awaitingOthers = new ArrayList<>();
    for (TypeElement type : types) {
      String name = type.getQualifiedName().toString();
      if (!round.processingOver() && seenTypes.add(name) && isOpenToOtherProcessors(type)) {
        awaitingOthers.add(type);
        deferredTypes.add(name);
        continue;
      }
      List<AnnotatedMethod> annotated = annotatedMethodsOf(type);
      if (validator.needsLaterRound(annotated) && !round.processingOver()) {
        deferredTypes.add(name);
        continue;
      }
      processType(type, annotated);
    }
    if (!awaitingOthers.isEmpty() && generatedThisRound == 0) {
      forceAnotherRound(awaitingOthers.get(0));
    }
    if (round.processingOver()) {
      for (String name : deferredTypes) {
        TypeElement type = processingEnv.getElementUtils().getTypeElement(name);
        errors.error(
            type,
            "[MemoUnresolvedType] a cached method of '%s' mentions a type that never became"
                + " available, so %s was not generated: fix the missing type",
            name,
            name + CachedTypeValidator.SUFFIX);
      }
    }
    return false;
  }

  /**
   * Returns whether the class, or something declared in it, carries an annotation that another
   * processor may act on. Lombok acts by rewriting the class in the round it appears: a
   * {@code @RequiredArgsConstructor} constructor, or {@code final} from {@code @Value}, is there
   * only once Lombok has had its turn, which comes after ours when memocache is listed first.
   * Annotations of the JDK and memocache's own are known to change nothing.
   */
  private boolean isOpenToOtherProcessors(TypeElement type) {
    List<Element> declared = new ArrayList<>(List.of(type));
    for (Element member : type.getEnclosedElements()) {
      declared.add(member);
      if (member instanceof ExecutableElement executable) {
        declared.addAll(executable.getParameters());
      }
    }
    for (Element element : declared) {
      for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
        String name = annotationName(mirror);
        if (!name.startsWith("java.")
            && !name.startsWith("javax.")
            && !name.equals(ClassNames.MEMO)
            && !name.equals(ClassNames.SINGLETON)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Makes javac run one more round, in which the deferred classes are generated. javac runs
   * another round only when this one generated a file, and a file generated in the last round
   * draws a warning and escapes other processors, so the processor writes a source file with no
   * type in it (as Lombok does for its own rounds); it compiles to nothing.
   */
  private void forceAnotherRound(TypeElement origin) {
    ClassName generated = CachedTypeValidator.generatedClassName(origin);
    String name = generated.reflectionName() + "_NextRound";
    String packageLine =
        generated.packageName().isEmpty() ? "" : "package " + generated.packageName() + ";\n\n";
    try (Writer writer = processingEnv.getFiler().createSourceFile(name, origin).openWriter()) {
      writer.write(
          packageLine
              + "// Generated by memocache: empty on purpose. Writing it makes javac run one more"
              + " round,\n// in which " + generated.simpleName() + " is generated after every"
              + " processor has had its turn with " + origin.getSimpleName() + ".\n");
    } catch (IOException e) {
      errors.error(
          origin,
          "[MemoInternalError] memocache could not write %s: %s",
          name,
          e.getMessage());
    }
  }

  /**
   * Generated code uses Java 17 (pattern matching for {@code instanceof}). Below that, one clear
   * error on the first annotated method replaces the errors javac would report inside the generated
   * code, and nothing is generated.
   */
  private boolean sourceLevelSupported(TypeElement firstType) {
    SourceVersion source = processingEnv.getSourceVersion();
    if (source.compareTo(SourceVersion.RELEASE_17) >= 0) {
      return true;
    }
    if (!sourceLevelReported) {
      sourceLevelReported = true;
      for (ExecutableElement method : ElementFilter.methodsIn(firstType.getEnclosedElements())) {
        Optional<CacheKind> kind = cacheKindOf(method);
        if (kind.isPresent()) {
          errors.error(
              method,
              "[MemoSourceLevel] %s method '%s' is compiled for %s, but memocache generates Java"
                  + " 17 code: compile with --release 17 or newer (maven-compiler-plugin:"
                  + " <release>17</release>)",
              kind.get().display(),
              method.getSimpleName(),
              "Java " + source.name().substring("RELEASE_".length()));
          break;
        }
      }
    }
    return false;
  }

  private void processType(TypeElement type, List<AnnotatedMethod> annotated) {
    try {
      Optional<CachedTypeDescriptor> descriptor =
          validator.validate(type, annotated, sourceTypeNames);
      if (descriptor.isEmpty()) {
        return;
      }
      String generated = descriptor.get().generatedClass().canonicalName();
      if (!generatedTypeNames.add(generated)) {
        errors.error(
            type,
            "[MemoGeneratedNameClash] '%s' would be generated as %s, which another class already"
                + " generates: rename one of the classes",
            type.getQualifiedName(),
            generated);
        return;
      }
      new CachedTypeWriter(generatedAnnotationReadable(type))
          .write(descriptor.get())
          .writeTo(processingEnv.getFiler());
      generatedThisRound++;
    } catch (IOException | RuntimeException e) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      errors.error(
          type,
          "[MemoInternalError] memocache failed on '%s'; please report this with the class:%n%s",
          type.getQualifiedName(),
          trace);
    }
  }

  /**
   * Returns whether generated code in {@code type}'s module can use {@code @Generated}: the type
   * must exist (it is in the {@code java.compiler} module) and, in a named module, that module
   * must read {@code java.compiler}, which a module that never asked for it does not. Without it
   * the annotation is left out, so that users need no {@code requires static java.compiler}.
   */
  private boolean generatedAnnotationReadable(TypeElement type) {
    Elements elements = processingEnv.getElementUtils();
    TypeElement generated = elements.getTypeElement(ClassNames.GENERATED.canonicalName());
    if (generated == null) {
      return false;
    }
    ModuleElement module = elements.getModuleOf(type);
    return module == null || module.isUnnamed() || reads(module, elements.getModuleOf(generated));
  }

  /** Returns whether {@code module} reads {@code target}: directly, or through requires transitive. */
  private static boolean reads(ModuleElement module, ModuleElement target) {
    Set<ModuleElement> seen = new HashSet<>();
    Deque<ModuleElement> next = new ArrayDeque<>();
    for (RequiresDirective requires : ElementFilter.requiresIn(module.getDirectives())) {
      next.add(requires.getDependency());
    }
    while (!next.isEmpty()) {
      ModuleElement read = next.remove();
      if (read.equals(target)) {
        return true;
      }
      if (seen.add(read)) {
        for (RequiresDirective requires : ElementFilter.requiresIn(read.getDirectives())) {
          if (requires.isTransitive()) {
            next.add(requires.getDependency());
          }
        }
      }
    }
    return false;
  }

  /** Returns the classes with annotated methods among this round's elements, in order. */
  private Set<TypeElement> annotatedTypes(RoundEnvironment round) {
    Set<TypeElement> types = new LinkedHashSet<>();
    for (String name : List.of(ClassNames.MEMO, ClassNames.SINGLETON)) {
      TypeElement annotation = processingEnv.getElementUtils().getTypeElement(name);
      if (annotation == null) {
        continue;
      }
      for (Element element : round.getElementsAnnotatedWith(annotation)) {
        if (element.getKind() == ElementKind.METHOD
            && element.getEnclosingElement() instanceof TypeElement type) {
          types.add(type);
        }
      }
    }
    return types;
  }

  private static String annotationName(AnnotationMirror mirror) {
    return ((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().toString();
  }

  private static Optional<CacheKind> cacheKindOf(ExecutableElement method) {
    for (AnnotationMirror mirror : method.getAnnotationMirrors()) {
      for (CacheKind kind : CacheKind.values()) {
        if (kind.annotationName().equals(annotationName(mirror))) {
          return Optional.of(kind);
        }
      }
    }
    return Optional.empty();
  }

  /** Returns the annotated methods of the type in declaration order, reporting double use. */
  private List<AnnotatedMethod> annotatedMethodsOf(TypeElement type) {
    List<AnnotatedMethod> annotated = new ArrayList<>();
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      List<AnnotatedMethod> found = new ArrayList<>();
      for (AnnotationMirror mirror : method.getAnnotationMirrors()) {
        String name = annotationName(mirror);
        for (CacheKind kind : CacheKind.values()) {
          if (kind.annotationName().equals(name)) {
            found.add(new AnnotatedMethod(method, kind, mirror));
          }
        }
      }
      if (found.size() > 1) {
        errors.error(
            method,
            "[MemoBothAnnotations] method '%s' has both @Memo and @Singleton: keep @Memo for data"
                + " returned by value, or @Singleton for a shared object returned by reference",
            method.getSimpleName());
      } else {
        annotated.addAll(found);
      }
    }
    return annotated;
  }
}
