package com.example.shapes;

import io.memocache.Memo;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Arguments keyed by content: arrays, collections, records, enums, null, and skipped params. */
public class Keyed {
  /** A record argument. */
  public record Point(int x, int y) {}

  /** An immutable record of two Strings. */
  public record Name(String first, String last) {}

  /** An enum argument. */
  public enum Color {
    RED,
    GREEN
  }

  @Memo
  public int arrayLength(String[] values) {
    Calls.record("arrayLength");
    return values == null ? -1 : values.length;
  }

  @Memo
  public int listSize(List<String> values) {
    Calls.record("listSize");
    return values.size();
  }

  @Memo
  public int setSize(Set<Integer> values) {
    Calls.record("setSize");
    return values.size();
  }

  @Memo
  public int mapSize(Map<String, Integer> values) {
    Calls.record("mapSize");
    return values.size();
  }

  @Memo
  public int distance(Point point) {
    Calls.record("distance");
    return Math.abs(point.x()) + Math.abs(point.y());
  }

  @Memo
  public String colorName(Color color) {
    Calls.record("colorName");
    return color == null ? "none" : color.name().toLowerCase(java.util.Locale.ROOT);
  }

  @Memo
  public String describe(Object value) {
    Calls.record("describe");
    return String.valueOf(value);
  }

  @Memo
  public int dayOfYear(LocalDate date) {
    Calls.record("dayOfYear");
    return date.getDayOfYear();
  }

  @Memo
  public String withContext(StringBuilder _log, int id) {
    Calls.record("withContext");
    _log.append(id);
    return "id" + id;
  }

  @Memo
  public String joined(String first, String last) {
    Calls.record("joined");
    return first + " " + last;
  }

  @Memo
  public String fullName(Name name) {
    Calls.record("fullName");
    return name.first() + " " + name.last();
  }

  @Memo
  public String className(Class<?> type) {
    Calls.record("className");
    return type.getName() + "@" + System.identityHashCode(type.getClassLoader());
  }

  @Memo
  public int depth(List<?> nested) {
    Calls.record("depth");
    int depth = 0;
    for (Object level = nested; level instanceof List<?> list; level = list.get(0)) {
      depth++;
    }
    return depth;
  }

  @Memo
  public String noKey(Object _context) {
    Calls.record("noKey");
    return "constant";
  }
}
