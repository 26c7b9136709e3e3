package io.memocache.benchmarks;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** The values the benchmarks cache: deterministic, and Serializable for the serializing peers. */
final class Data {
  static final int ARRAY_LENGTH = 1_000_000;
  static final int ROWS = 100_000;
  static final int COLUMNS = 10;

  private Data() {}

  /** An immutable row: a list of them needs a new list, not a walk of every element. */
  record Row(int id, String name, double score) implements Serializable {}

  /** A mutable bean: copying a list of them means copying every bean. */
  static final class Bean implements Serializable {
    private static final long serialVersionUID = 1L;

    int id;
    String name;
    double score;

    Bean(int id, String name, double score) {
      this.id = id;
      this.name = name;
      this.score = score;
    }

    Bean copy() {
      return new Bean(id, name, score);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Bean other
          && id == other.id
          && name.equals(other.name)
          && score == other.score;
    }

    @Override
    public int hashCode() {
      return id;
    }
  }

  static double[] doubles(int length, long seed) {
    Random random = new Random(seed);
    double[] values = new double[length];
    for (int i = 0; i < length; i++) {
      values[i] = random.nextDouble();
    }
    return values;
  }

  static byte[] bytes(int length, long seed) {
    byte[] values = new byte[length];
    new Random(seed).nextBytes(values);
    return values;
  }

  static ArrayList<Row> rows() {
    ArrayList<Row> rows = new ArrayList<>(ROWS);
    for (int i = 0; i < ROWS; i++) {
      rows.add(new Row(i, "row-" + i, i * 0.5));
    }
    return rows;
  }

  static LinkedHashMap<String, double[]> table() {
    LinkedHashMap<String, double[]> table = new LinkedHashMap<>();
    for (int c = 0; c < COLUMNS; c++) {
      table.put("column" + c, doubles(ROWS, c));
    }
    return table;
  }

  static ArrayList<Bean> beans() {
    ArrayList<Bean> beans = new ArrayList<>(ROWS);
    for (int i = 0; i < ROWS; i++) {
      beans.add(new Bean(i, "bean-" + i, i * 0.25));
    }
    return beans;
  }

  /** The lower bounds: the cheapest correct copy of each shape, written by hand. */
  static List<Row> copyRows(List<Row> rows) {
    return new ArrayList<>(rows);
  }

  static Map<String, double[]> copyTable(Map<String, double[]> table) {
    Map<String, double[]> copy = new LinkedHashMap<>();
    table.forEach((column, values) -> copy.put(column, values.clone()));
    return copy;
  }

  static List<Bean> copyBeans(List<Bean> beans) {
    List<Bean> copy = new ArrayList<>(beans.size());
    for (Bean bean : beans) {
      copy.add(bean.copy());
    }
    return copy;
  }
}
