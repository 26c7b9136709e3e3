package io.memocache.spring;

import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.SmartInstantiationAwareBeanPostProcessor;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.util.ClassUtils;

/**
 * Finishes what {@link CachedBeanClassPostProcessor} starts: chooses the generated constructor that
 * mirrors Foo's {@code @Autowired} one, and warns, naming the bean and the fix, about each bean
 * whose class has generated caching code but that was created without it, so nothing it computes
 * is cached.
 */
final class CachedBeanPostProcessor
    implements SmartInstantiationAwareBeanPostProcessor, BeanFactoryAware {
  private static final Log LOG = LogFactory.getLog(CachedBeanPostProcessor.class);
  private static final String INJECT = "jakarta.inject.Inject";

  private final Set<String> warned = ConcurrentHashMap.newKeySet();
  private ConfigurableListableBeanFactory beanFactory;

  @Override
  public void setBeanFactory(BeanFactory beanFactory) {
    if (beanFactory instanceof ConfigurableListableBeanFactory listable) {
      this.beanFactory = listable;
    }
  }

  /**
   * Returns the mirrors of Foo's {@code @Autowired} (or {@code @Inject}) constructors when Spring
   * creates a generated Foo_Cached, whose own constructors carry no such annotation; null leaves
   * the choice to Spring (a single constructor needs no annotation).
   */
  @Override
  public Constructor<?>[] determineCandidateConstructors(Class<?> beanClass, String beanName) {
    if (!CachedClasses.isGeneratedSubclass(beanClass)) {
      return null;
    }
    List<Constructor<?>> mirrors = new ArrayList<>();
    for (Constructor<?> original : beanClass.getSuperclass().getDeclaredConstructors()) {
      MergedAnnotations annotations = MergedAnnotations.from(original);
      if (annotations.isPresent(Autowired.class) || annotations.isPresent(INJECT)) {
        try {
          mirrors.add(beanClass.getConstructor(original.getParameterTypes()));
        } catch (NoSuchMethodException e) {
          // A private constructor has no mirror: Spring reports that no constructor fits.
        }
      }
    }
    return mirrors.isEmpty() ? null : mirrors.toArray(new Constructor<?>[0]);
  }

  @Override
  public Object postProcessBeforeInitialization(Object bean, String beanName) {
    Class<?> userClass = ClassUtils.getUserClass(bean);
    Class<?> generated = CachedClasses.generatedFor(userClass);
    if (generated != null && !generated.isInstance(bean) && !warned.contains(beanName)) {
      String warning = uncachedWarning(bean, beanName, userClass, generated);
      if (warning != null && warned.add(beanName)) {
        LOG.warn(warning);
      }
    }
    return bean;
  }

  /**
   * Returns the warning for a bean created without its generated class, or null when that loses
   * nothing: the generated class holds only static methods, or it is a delegate the application
   * declares as a bean of its own.
   */
  private String uncachedWarning(
      Object bean, String beanName, Class<?> userClass, Class<?> generated) {
    boolean subclass = generated.getSuperclass().equals(userClass);
    boolean delegate = !subclass && hasConstructor(generated, userClass);
    if (!subclass && !delegate) {
      return null; // static methods only: they are cached through Foo_Cached.method(...)
    }
    String prefix =
        "[MemoUncachedBean] bean '"
            + beanName
            + "' is a "
            + userClass.getName()
            + ", not a "
            + generated.getSimpleName()
            + ", so its @Memo/@Singleton methods are not cached";
    if (delegate) {
      boolean declared =
          beanFactory != null && beanFactory.getBeanNamesForType(generated, true, false).length > 0;
      if (declared) {
        return null;
      }
      return prefix
          + ": "
          + userClass.getSimpleName()
          + " cannot be subclassed, so "
          + generated.getSimpleName()
          + " is a delegate. Declare a bean of type "
          + generated.getSimpleName()
          + " (new "
          + generated.getSimpleName()
          + "(delegate)) and inject that";
    }
    if (bean.getClass() != userClass
        && MergedAnnotations.from(userClass).isPresent(Configuration.class)) {
      return prefix
          + ": Spring creates a @Configuration class as its own CGLIB subclass. Move the cached"
          + " methods to a separate @Component, or declare @Configuration(proxyBeanMethods ="
          + " false)";
    }
    BeanDefinition definition =
        beanFactory != null && beanFactory.containsBeanDefinition(beanName)
            ? beanFactory.getMergedBeanDefinition(beanName)
            : null;
    if (definition != null && definition.getFactoryMethodName() != null) {
      return prefix
          + ": its @Bean method "
          + factoryOwner(definition)
          + "."
          + definition.getFactoryMethodName()
          + "() returns a plain "
          + userClass.getSimpleName()
          + ". Return new "
          + generated.getSimpleName()
          + "(...) from it";
    }
    return prefix + ": create it as new " + generated.getSimpleName() + "(...)";
  }

  private static boolean hasConstructor(Class<?> type, Class<?> parameter) {
    for (Constructor<?> constructor : type.getConstructors()) {
      if (constructor.getParameterCount() == 1
          && constructor.getParameterTypes()[0].equals(parameter)) {
        return true;
      }
    }
    return false;
  }

  private String factoryOwner(BeanDefinition definition) {
    String factoryBean = definition.getFactoryBeanName();
    if (factoryBean == null) {
      return ClassUtils.getShortName(String.valueOf(definition.getBeanClassName()));
    }
    Class<?> type = beanFactory.getType(factoryBean);
    return type == null ? factoryBean : ClassUtils.getUserClass(type).getSimpleName();
  }
}
