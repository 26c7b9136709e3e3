package io.memocache.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Clears every {@code @Memo} and {@code @Singleton} cache before and after each test of the
 * annotated class (or the annotated test method): a shorthand for {@code
 * @ExtendWith(MemoCacheExtension.class)}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(MemoCacheExtension.class)
public @interface ClearCaches {}
