package io.memocache.processor;

import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/** Reports problems on the element that causes them, and remembers whether any error was seen. */
final class ErrorReporter {
  /** Thrown to stop processing the current type after an error that leaves nothing to validate. */
  static final class AbortProcessing extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AbortProcessing() {
      super(null, null, false, false);
    }
  }

  private final Messager messager;
  private int errors;

  ErrorReporter(Messager messager) {
    this.messager = messager;
  }

  void error(Element element, String format, Object... args) {
    errors++;
    messager.printMessage(Diagnostic.Kind.ERROR, String.format(format, args), element);
  }

  void error(
      Element element,
      AnnotationMirror annotation,
      AnnotationValue value,
      String format,
      Object... args) {
    errors++;
    messager.printMessage(
        Diagnostic.Kind.ERROR, String.format(format, args), element, annotation, value);
  }

  void warning(Element element, String format, Object... args) {
    messager.printMessage(Diagnostic.Kind.WARNING, String.format(format, args), element);
  }

  AbortProcessing abortWithError(Element element, String format, Object... args) {
    error(element, format, args);
    throw new AbortProcessing();
  }

  /** Returns how many errors were reported so far; validators compare before and after. */
  int errorCount() {
    return errors;
  }
}
