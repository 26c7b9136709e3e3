package io.memocache.benchmarks;

import io.memocache.Memo;
import io.memocache.Singleton;
import java.util.List;
import java.util.Map;

/** What a user would write: memocache's side of every benchmark. */
public class CachedService {
  @Memo
  public String label(int id, String name) {
    return name + id;
  }

  @Singleton
  public String sharedLabel(int id, String name) {
    return name + id;
  }

  @Memo
  public long missMemo(long n) {
    return n * 31;
  }

  @Singleton
  public Object missSingleton(long n) {
    return n;
  }

  @Memo
  public double[] doubles(int seed) {
    return Data.doubles(Data.ARRAY_LENGTH, seed);
  }

  @Memo
  public List<Data.Row> rows(int seed) {
    return Data.rows();
  }

  @Memo
  public Map<String, double[]> table(int seed) {
    return Data.table();
  }

  @Memo
  public List<Data.Bean> beans(int seed) {
    return Data.beans();
  }

  @Memo
  public int keyedByArray(double[] values) {
    return values.length;
  }

  /** Keyed by an 8 MB byte array; returns its length. */
  @Memo
  public int keyedByBytes(byte[] values) {
    return values.length;
  }

  /** Keyed by a list of 100,000 Strings; returns its size. */
  @Memo
  public int keyedByList(java.util.List<String> values) {
    return values.size();
  }

  /** Keyed by a map of 100,000 entries; returns its size. */
  @Memo
  public int keyedByMap(java.util.Map<String, Integer> values) {
    return values.size();
  }
}
