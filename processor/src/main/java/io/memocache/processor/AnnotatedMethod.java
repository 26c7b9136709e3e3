package io.memocache.processor;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ExecutableElement;

/**
 * A method found carrying one of the annotations.
 *
 * @param method the method
 * @param kind which annotation
 * @param annotation the annotation as written, for errors on its values
 */
record AnnotatedMethod(ExecutableElement method, CacheKind kind, AnnotationMirror annotation) {}
