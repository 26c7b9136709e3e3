package io.memocache.processor;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;

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
    Map<TypeElement, List<AnnotatedMethod>> byType = annotatedMethodsByType(round);
    if (!byType.isEmpty() && !sourceLevelSupported(byType)) {
      return false;
    }
    for (String name : deferredTypes) {
      TypeElement type = processingEnv.getElementUtils().getTypeElement(name);
      if (type != null) {
        byType.putIfAbsent(type, annotatedMethodsOf(type));
      }
    }
    deferredTypes.clear();
    for (Map.Entry<TypeElement, List<AnnotatedMethod>> entry : byType.entrySet()) {
      TypeElement type = entry.getKey();
      if (validator.needsLaterRound(entry.getValue()) && !round.processingOver()) {
        deferredTypes.add(type.getQualifiedName().toString());
        continue;
      }
      processType(type, entry.getValue());
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
   * Generated code uses Java 17 (pattern matching for {@code instanceof}). Below that, one clear
   * error on the first annotated method replaces the errors javac would report inside the generated
   * code, and nothing is generated.
   */
  private boolean sourceLevelSupported(Map<TypeElement, List<AnnotatedMethod>> byType) {
    SourceVersion source = processingEnv.getSourceVersion();
    if (source.compareTo(SourceVersion.RELEASE_17) >= 0) {
      return true;
    }
    if (!sourceLevelReported) {
      sourceLevelReported = true;
      AnnotatedMethod first =
          byType.values().stream().flatMap(List::stream).findFirst().orElseThrow();
      errors.error(
          first.method(),
          "[MemoSourceLevel] %s method '%s' is compiled for %s, but memocache generates Java 17"
              + " code: compile with --release 17 or newer (maven-compiler-plugin:"
              + " <release>17</release>)",
          first.kind().display(),
          first.method().getSimpleName(),
          "Java " + source.name().substring("RELEASE_".length()));
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
      new CachedTypeWriter().write(descriptor.get()).writeTo(processingEnv.getFiler());
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

  private Map<TypeElement, List<AnnotatedMethod>> annotatedMethodsByType(RoundEnvironment round) {
    Set<Element> annotatedElements = new LinkedHashSet<>();
    for (String name : List.of(ClassNames.MEMO, ClassNames.SINGLETON)) {
      TypeElement annotation = processingEnv.getElementUtils().getTypeElement(name);
      if (annotation != null) {
        annotatedElements.addAll(round.getElementsAnnotatedWith(annotation));
      }
    }
    Map<TypeElement, List<AnnotatedMethod>> byType = new LinkedHashMap<>();
    for (Element element : annotatedElements) {
      if (element.getKind() == ElementKind.METHOD
          && element.getEnclosingElement() instanceof TypeElement type) {
        byType.computeIfAbsent(type, this::annotatedMethodsOf);
      }
    }
    return byType;
  }

  /** Returns the annotated methods of the type in declaration order, reporting double use. */
  private List<AnnotatedMethod> annotatedMethodsOf(TypeElement type) {
    List<AnnotatedMethod> annotated = new ArrayList<>();
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      List<AnnotatedMethod> found = new ArrayList<>();
      for (AnnotationMirror mirror : method.getAnnotationMirrors()) {
        String name = ((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().toString();
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
