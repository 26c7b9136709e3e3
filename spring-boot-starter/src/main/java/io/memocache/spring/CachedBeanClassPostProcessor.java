package io.memocache.spring;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.AbstractBeanDefinition;

/*
 * Design note: this runs as a plain BeanFactoryPostProcessor, after every registry post-processor
 * (component scanning, @Import, other auto-configurations) has registered its definitions and
 * before any bean exists. It changes only the class to instantiate: the definition keeps the
 * metadata Spring read from Foo (scope, @Primary, @Lazy, qualifiers, @DependsOn), and Foo_Cached
 * inherits Foo's methods and fields, so @PostConstruct, field and setter injection and the aspects
 * that match Foo all apply. Constructors are Foo_Cached's mirrors of Foo's; the processor copies
 * their parameter annotations (@Value, @Qualifier) and CachedBeanPostProcessor points Spring at the
 * mirrors of Foo's @Autowired constructors.
 *
 * Left alone: @Bean factory methods and instance suppliers (Spring calls the user's code, which
 * decides the class: CachedBeanPostProcessor warns when it returns a plain Foo), and full
 * @Configuration classes, which ConfigurationClassPostProcessor has already replaced by their CGLIB
 * subclass by the time this runs.
 */

/** Has Spring create each bean whose class has a generated subclass as that subclass. */
final class CachedBeanClassPostProcessor implements BeanFactoryPostProcessor {
  private static final Log LOG = LogFactory.getLog(CachedBeanClassPostProcessor.class);

  @Override
  public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
    ClassLoader loader = beanFactory.getBeanClassLoader();
    if (loader == null) {
      return;
    }
    boolean changed = false;
    for (String name : beanFactory.getBeanDefinitionNames()) {
      BeanDefinition definition = beanFactory.getBeanDefinition(name);
      if (definition instanceof AbstractBeanDefinition bean
          && !bean.isAbstract()
          && bean.getFactoryMethodName() == null
          && bean.getFactoryBeanName() == null
          && bean.getInstanceSupplier() == null
          && bean.getBeanClassName() != null) {
        Class<?> generated = CachedClasses.generatedSubclassOf(bean.getBeanClassName(), loader);
        if (generated != null) {
          if (LOG.isDebugEnabled()) {
            LOG.debug("memocache: bean '" + name + "' is created as " + generated.getName());
          }
          bean.setBeanClass(generated);
          changed = true;
        }
      }
    }
    if (changed) {
      beanFactory.clearMetadataCache(); // merged definitions read before still name Foo
    }
  }
}
