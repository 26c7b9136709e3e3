package io.memocache.benchmarks;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Turns JMH JSON results into the report users read: per scenario, each subject's time and its
 * ratio to the scenario's baseline measured in the same run, plus a chart of the ratios.
 *
 * <p>Usage: {@code Report <out-dir> <label>=<jmh.json> [<label>=<jmh.json> ...]}; writes
 * {@code benchmarks.md} and {@code benchmarks.png} into the output directory.
 */
public final class Report {
  /** The baseline of each scenario: ratios are to this benchmark, in the same run. */
  private static final Map<String, String> BASELINES =
      Map.of(
          "SmallHitBenchmark", "concurrentHashMap",
          "PersistedHitBenchmark", "concurrentHashMap",
          "LargeHitBenchmark", "plainCopy",
          "MissBenchmark", "springCacheable",
          "KeyingBenchmark", "arraysHashCode",
          "StoreBenchmark", "limit",
          "RedisStoreBenchmark", "limit");

  /**
   * Scenarios with one baseline per value: a member's baseline is {@code baseline} followed by the
   * last capitalized word of its name ({@code memoBean} against {@code baselineBean}).
   */
  private static final Map<String, String> PAIRED_BASELINES = Map.of("AsyncHitBenchmark", "baseline");

  /** One benchmark result. */
  record Result(
      String scenario, String name, String params, double score, double error, String unit, double allocBytes) {
    String group() {
      return scenario + (params.isEmpty() ? "" : " (" + params + ")");
    }
  }

  private Report() {}

  /**
   * Writes the report.
   *
   * @param args the output directory, then {@code label=path} pairs of JMH JSON files
   * @throws IOException if a file cannot be read or written
   */
  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      throw new IllegalArgumentException("usage: Report <out-dir> <label>=<jmh.json> ...");
    }
    Path out = Path.of(args[0]);
    Files.createDirectories(out);
    StringBuilder markdown = new StringBuilder();
    Map<String, List<Result>> byLabel = new LinkedHashMap<>();
    for (int i = 1; i < args.length; i++) {
      String[] labelAndPath = args[i].split("=", 2);
      byLabel.put(labelAndPath[0], read(Path.of(labelAndPath[1])));
    }
    byLabel.forEach((label, results) -> markdown.append(section(label, results)));
    Files.writeString(out.resolve("benchmarks-tables.md"), markdown.toString());
    String firstLabel = byLabel.keySet().iterator().next();
    ImageIO.write(chart(byLabel.get(firstLabel), firstLabel), "png", out.resolve("benchmarks.png").toFile());
    System.out.print(markdown);
  }

  static List<Result> read(Path json) {
    JsonArray runs;
    try {
      runs = JsonParser.parseString(Files.readString(json)).getAsJsonArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Result> results = new ArrayList<>();
    for (JsonElement element : runs) {
      JsonObject run = element.getAsJsonObject();
      String benchmark = run.get("benchmark").getAsString();
      String[] parts = benchmark.split("\\.");
      String params = "";
      if (run.has("params")) {
        List<String> pairs = new ArrayList<>();
        run.getAsJsonObject("params").entrySet().forEach(e -> pairs.add(e.getValue().getAsString()));
        params = String.join(", ", pairs);
      }
      JsonObject primary = run.getAsJsonObject("primaryMetric");
      double alloc = Double.NaN;
      JsonObject secondary = run.getAsJsonObject("secondaryMetrics");
      if (secondary != null && secondary.has("gc.alloc.rate.norm")) {
        alloc = secondary.getAsJsonObject("gc.alloc.rate.norm").get("score").getAsDouble();
      }
      double error = primary.get("scoreError").isJsonPrimitive()
          ? primary.get("scoreError").getAsDouble()
          : Double.NaN;
      results.add(
          new Result(
              parts[parts.length - 2],
              parts[parts.length - 1],
              params,
              primary.get("score").getAsDouble(),
              error,
              primary.get("scoreUnit").getAsString(),
              alloc));
    }
    return results;
  }

  private static String section(String label, List<Result> results) {
    StringBuilder text = new StringBuilder("### ").append(label).append("\n\n");
    Map<String, List<Result>> groups = new LinkedHashMap<>();
    results.forEach(r -> groups.computeIfAbsent(r.group(), g -> new ArrayList<>()).add(r));
    groups.forEach(
        (group, members) -> {
          text.append("**").append(group).append("**\n\n");
          if (members.get(0).scenario().equals("ThreadsBenchmark")) {
            text.append(threadsTable(members));
            return;
          }
          String scenario = members.get(0).scenario();
          String baseline = BASELINES.getOrDefault(scenario, PAIRED_BASELINES.get(scenario));
          text.append("| benchmark | score | unit | ratio to ").append(baseline).append(" | B/op |\n");
          text.append("|---|---:|---|---:|---:|\n");
          for (Result r : members) {
            Result base = baselineOf(r, members);
            text.append(
                String.format(
                    Locale.ROOT,
                    "| %s | %s ± %s | %s | %s | %s |%n",
                    r.name(),
                    number(r.score()),
                    number(r.error()),
                    r.unit(),
                    base == null ? "" : String.format(Locale.ROOT, "%.2f×", r.score() / base.score()),
                    Double.isNaN(r.allocBytes()) ? "" : String.format(Locale.ROOT, "%.0f", r.allocBytes())));
          }
          if (members.get(0).scenario().equals("KeyingBenchmark")) {
            for (Result r : members) {
              double seconds = r.score() / 1e6;
              text.append(
                  String.format(
                      Locale.ROOT,
                      "%n%s hashes 8 MB at %.1f GB/s.",
                      r.name(),
                      KeyingBenchmark.BYTES / seconds / 1e9));
            }
            text.append("\n");
          }
          text.append("\n");
        });
    return text.toString();
  }

  /** Returns the result a member's ratio is to, or null when its scenario has none for it. */
  private static Result baselineOf(Result member, List<Result> group) {
    String name = BASELINES.get(member.scenario());
    String prefix = PAIRED_BASELINES.get(member.scenario());
    if (name == null && prefix != null) {
      String[] words = member.name().split("(?=\\p{Lu})");
      name = words.length > 1 ? prefix + words[words.length - 1] : null;
    }
    String wanted = name;
    return wanted == null
        ? null
        : group.stream().filter(r -> r.name().equals(wanted)).findFirst().orElse(null);
  }

  private static String threadsTable(List<Result> members) {
    StringBuilder text = new StringBuilder("| subject | 1 thread | 2 threads | scaling |\n");
    text.append("|---|---:|---:|---:|\n");
    Map<String, double[]> bySubject = new LinkedHashMap<>();
    for (Result r : members) {
      String subject = r.name().substring(0, r.name().lastIndexOf('_'));
      double[] scores = bySubject.computeIfAbsent(subject, s -> new double[2]);
      scores[r.name().endsWith("_1thread") ? 0 : 1] = r.score();
    }
    bySubject.forEach(
        (subject, scores) ->
            text.append(
                String.format(
                    Locale.ROOT,
                    "| %s | %s ops/µs | %s ops/µs | %.2f× |%n",
                    subject,
                    number(scores[0]),
                    number(scores[1]),
                    scores[1] / scores[0])));
    return text.append("\n").toString();
  }

  private static String number(double value) {
    if (Double.isNaN(value)) {
      return "–";
    }
    return value >= 100
        ? String.format(Locale.ROOT, "%,.0f", value)
        : String.format(Locale.ROOT, "%.2f", value);
  }

  /** Bars of each subject's ratio to its scenario's baseline, on a log scale. */
  static BufferedImage chart(List<Result> results, String label) {
    List<String> names = new ArrayList<>();
    List<Double> ratios = new ArrayList<>();
    Map<String, List<Result>> groups = new LinkedHashMap<>();
    results.forEach(r -> groups.computeIfAbsent(r.group(), g -> new ArrayList<>()).add(r));
    for (Result r : results) {
      Result base = baselineOf(r, groups.get(r.group()));
      if (base != null && r != base && !r.scenario().equals("MissBenchmark")) {
        names.add(r.group().replace("Benchmark", "") + " · " + r.name());
        ratios.add(r.score() / base.score());
      }
    }
    int rowHeight = 22;
    int left = 430;
    int width = 1100;
    int height = 80 + rowHeight * names.size();
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    g.drawString("Time relative to the baseline in the same run (log scale, lower is better) — " + label, 10, 22);
    double maxLog = Math.log10(10000);
    double minLog = Math.log10(0.5);
    int plotWidth = width - left - 30;
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    for (double tick : new double[] {0.5, 1, 2, 10, 100, 1000, 10000}) {
      int x = left + (int) ((Math.log10(tick) - minLog) / (maxLog - minLog) * plotWidth);
      g.setColor(tick == 1 ? Color.DARK_GRAY : new Color(220, 220, 220));
      g.setStroke(new BasicStroke(tick == 1 ? 2 : 1));
      g.drawLine(x, 40, x, height - 25);
      g.setColor(Color.DARK_GRAY);
      g.drawString((tick < 1 ? "0.5" : String.valueOf((int) tick)) + "×", x - 10, height - 8);
    }
    for (int i = 0; i < names.size(); i++) {
      int y = 45 + i * rowHeight;
      String subject = names.get(i).substring(names.get(i).indexOf("· ") + 2).toLowerCase(Locale.ROOT);
      boolean ours = subject.contains("memo") || subject.contains("singleton");
      g.setColor(Color.BLACK);
      g.drawString(names.get(i), 10, y + 14);
      double log = Math.max(minLog, Math.min(maxLog, Math.log10(ratios.get(i))));
      int barEnd = left + (int) ((log - minLog) / (maxLog - minLog) * plotWidth);
      g.setColor(ours ? new Color(33, 120, 200) : new Color(170, 170, 170));
      g.fillRect(left, y + 3, Math.max(2, barEnd - left), rowHeight - 8);
      g.setColor(Color.BLACK);
      g.drawString(String.format(Locale.ROOT, "%.2f×", ratios.get(i)), barEnd + 4, y + 14);
    }
    g.dispose();
    return image;
  }
}
