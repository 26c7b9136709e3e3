package com.example.shapes;

import io.memocache.Memo;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Arrays, varargs, wildcards and every primitive type as parameters and results. */
public class Shapes {
  @Memo
  public int sum(int[] values) {
    Calls.record("sum");
    return Arrays.stream(values).sum();
  }

  @Memo
  public int[][] transpose(int[][] matrix) {
    Calls.record("transpose");
    int[][] result = new int[matrix[0].length][matrix.length];
    for (int i = 0; i < matrix.length; i++) {
      for (int j = 0; j < matrix[0].length; j++) {
        result[j][i] = matrix[i][j];
      }
    }
    return result;
  }

  @Memo
  public String join(String separator, String... parts) {
    Calls.record("join");
    return String.join(separator, parts);
  }

  @Memo
  public double total(List<? extends Number> numbers) {
    Calls.record("total");
    return numbers.stream().mapToDouble(Number::doubleValue).sum();
  }

  @Memo
  public Map<String, Integer> lengths(List<String> words) {
    Calls.record("lengths");
    Map<String, Integer> lengths = new TreeMap<>();
    words.forEach(word -> lengths.put(word, word.length()));
    return lengths;
  }

  @Memo
  @SafeVarargs
  @SuppressWarnings("varargs") // List.of only reads the array
  public static <T> List<T> listOf(T... items) {
    Calls.record("listOf");
    return List.of(items);
  }

  @Memo
  public boolean not(boolean b) {
    Calls.record("not");
    return !b;
  }

  @Memo
  public byte nextByte(byte b) {
    Calls.record("nextByte");
    return (byte) (b + 1);
  }

  @Memo
  public short nextShort(short s) {
    Calls.record("nextShort");
    return (short) (s + 1);
  }

  @Memo
  public char nextChar(char c) {
    Calls.record("nextChar");
    return (char) (c + 1);
  }

  @Memo
  public long nextLong(long l) {
    Calls.record("nextLong");
    return l + 1;
  }

  @Memo
  public float half(float f) {
    Calls.record("half");
    return f / 2;
  }

  @Memo
  public double halfDouble(double d) {
    Calls.record("halfDouble");
    return d / 2;
  }
}
