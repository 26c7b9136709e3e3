package io.memocache.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memocache.spring.MemoCacheEndpoint.CachedMethodDescriptor;
import io.memocache.spring.imported.Reports;
import io.memocache.spring.imported.Reports_Cached;
import io.memocache.spring.sample.PriceService;
import io.memocache.spring.sample.PriceService_Cached;
import io.memocache.spring.sample.SampleApplication;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.InvocationContext;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.jmx.ExposableJmxEndpoint;
import org.springframework.boot.actuate.endpoint.jmx.JmxEndpointsSupplier;
import org.springframework.boot.actuate.endpoint.jmx.JmxOperation;
import org.springframework.boot.test.context.SpringBootTest;

/** The starter in a real Spring Boot application, as users get it. */
@SpringBootTest(
    classes = SampleApplication.class,
    properties = {
      "memocache.store=none",
      "spring.jmx.enabled=true",
      "management.endpoints.jmx.exposure.include=memocache"
    })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SampleApplicationTest {
  private static final String PRICE_ID = "io.memocache.spring.sample.PriceService.price(String)";

  @Autowired PriceService prices;
  @Autowired Reports reports;
  @Autowired MeterRegistry meterRegistry;
  @Autowired MemoCacheEndpoint endpoint;
  @Autowired JmxEndpointsSupplier jmxEndpoints;

  @Test
  void scannedService_isCreatedAsItsCachedSubclass_withItsConstructorDependency() {
    assertInstanceOf(PriceService_Cached.class, prices);
    assertNotNull(prices.taxTable(), "constructor injection went through the mirrored constructor");
  }

  @Test
  void importedClass_isCreatedAsItsCachedSubclass() {
    assertInstanceOf(Reports_Cached.class, reports);
  }

  @Test
  void selfCalls_hitTheCache() {
    int before = PriceService.COMPUTATIONS.get();
    double one = prices.quote("tea", 1);
    assertEquals(2 * one, prices.quote("tea", 2));
    assertEquals(one, prices.price("tea"));
    assertEquals(before + 1, PriceService.COMPUTATIONS.get());
  }

  @Test
  void cacheMeters_areInTheApplicationsRegistry() {
    prices.price("coffee");
    prices.price("coffee");
    FunctionCounter hits =
        meterRegistry
            .find("cache.gets")
            .tag("cache", "PriceService.price")
            .tag("class", "io.memocache.spring.sample.PriceService")
            .tag("result", "hit")
            .functionCounter();
    assertNotNull(hits);
    assertTrue(hits.count() >= 1, "hits: " + hits.count());
  }

  @Test
  void endpoint_listsEveryCachedMethodAndClearsOneById() {
    prices.price("bread");
    reports.report(2024);
    CachedMethodDescriptor price = endpoint.methods().methods().get(PRICE_ID);
    assertNotNull(price, "listed: " + endpoint.methods().methods().keySet());
    assertEquals("memo", price.kind());
    assertEquals(1, price.entries());
    assertEquals("PriceService.price(String)", price.method());

    assertTrue(endpoint.clear(PRICE_ID));

    assertEquals(0, endpoint.method(PRICE_ID).entries());
    String reportId = "io.memocache.spring.imported.Reports.report(int)";
    assertEquals(1, endpoint.method(reportId).entries(), "other methods keep their entries");
    assertFalse(endpoint.clear("io.memocache.spring.sample.PriceService.nothing()"));
    assertNull(endpoint.method("io.memocache.spring.sample.PriceService.nothing()"));

    endpoint.clearAll();
    assertEquals(0, endpoint.method(reportId).entries());
  }

  /** Actuator itself finds the endpoint's operations and invokes them (through its JMX model). */
  @Test
  void endpoint_isDiscoveredByActuator_andClearsThroughIt() {
    prices.price("jam");
    ExposableJmxEndpoint exposed =
        jmxEndpoints.getEndpoints().stream()
            .filter(e -> e.getEndpointId().equals(EndpointId.of("memocache")))
            .findFirst()
            .orElseThrow(() -> new AssertionError("memocache not discovered"));
    Map<String, JmxOperation> operations = new HashMap<>();
    exposed.getOperations().forEach(operation -> operations.put(operation.getName(), operation));

    Object listed = operations.get("methods").invoke(invocation(Map.of()));
    Object cleared = operations.get("clear").invoke(invocation(Map.of("id", PRICE_ID)));

    assertTrue(String.valueOf(listed).contains(PRICE_ID), String.valueOf(listed));
    assertEquals(Boolean.TRUE, cleared);
    assertEquals(0, endpoint.method(PRICE_ID).entries());
  }

  private static InvocationContext invocation(Map<String, Object> arguments) {
    return new InvocationContext(SecurityContext.NONE, arguments);
  }

  @Test
  void storeSetting_fromTheApplicationsProperties_isPassedToMemocache() {
    assertEquals("none", System.getProperty("memocache.store"));
  }

  @Test
  @Order(1)
  void testListener_first_computesAnEntry() {
    prices.price("salt");
    assertEquals(1, endpoint.method(PRICE_ID).entries());
  }

  @Test
  @Order(2)
  void testListener_second_startsWithEmptyCaches() {
    assertEquals(0, endpoint.method(PRICE_ID).entries());
  }
}
