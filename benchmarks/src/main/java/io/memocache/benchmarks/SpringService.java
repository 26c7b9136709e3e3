package io.memocache.benchmarks;

import java.util.List;
import java.util.Map;
import org.springframework.cache.annotation.Cacheable;

/** The same methods cached the Spring way, called through a real Spring proxy. */
public class SpringService {
  @Cacheable("label")
  public String label(int id, String name) {
    return name + id;
  }

  @Cacheable("miss")
  public long miss(long n) {
    return n * 31;
  }

  @Cacheable("doubles")
  public double[] doubles(int seed) {
    return Data.doubles(Data.ARRAY_LENGTH, seed);
  }

  @Cacheable("rows")
  public List<Data.Row> rows(int seed) {
    return Data.rows();
  }

  @Cacheable("table")
  public Map<String, double[]> table(int seed) {
    return Data.table();
  }

  @Cacheable("beans")
  public List<Data.Bean> beans(int seed) {
    return Data.beans();
  }
}
