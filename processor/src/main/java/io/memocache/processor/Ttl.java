package io.memocache.processor;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the {@code ttl} attribute: ISO-8601 durations and shorthand such as {@code 1h30m}. */
final class Ttl {
  private static final Pattern SHORTHAND =
      Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?");

  private Ttl() {}

  /**
   * Returns the duration the text means, or empty when it is not a duration. Zero and negative
   * durations are returned as they are: the caller reports them.
   */
  static Optional<Duration> parse(String text) {
    if (text.startsWith("P") || text.startsWith("p") || text.startsWith("-P")) {
      try {
        return Optional.of(Duration.parse(text));
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    }
    Matcher matcher = SHORTHAND.matcher(text);
    if (text.isEmpty() || !matcher.matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          Duration.ofDays(amount(matcher, 1))
              .plusHours(amount(matcher, 2))
              .plusMinutes(amount(matcher, 3))
              .plusSeconds(amount(matcher, 4))
              .plusMillis(amount(matcher, 5)));
    } catch (ArithmeticException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static long amount(Matcher matcher, int group) {
    String digits = matcher.group(group);
    return digits == null ? 0 : Long.parseLong(digits);
  }
}
