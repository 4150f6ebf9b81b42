package org.rl3spark.jobs.config;

import java.util.Collection;
import java.util.Optional;

/** "Did you mean" suggestions by edit distance. */
public final class Suggestions {

  private Suggestions() {}

  /**
   * The candidate closest to {@code word} by Levenshtein distance, if it is close enough to be a
   * plausible typo: at most 2 edits, or a third of the word's length for long words.
   */
  public static Optional<String> closest(String word, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      int d = distance(word, c);
      if (d < bestDistance || (d == bestDistance && best != null && c.compareTo(best) < 0)) {
        best = c;
        bestDistance = d;
      }
    }
    int allowed = Math.max(2, word.length() / 3);
    return best != null && bestDistance > 0 && bestDistance <= allowed
        ? Optional.of(best)
        : Optional.empty();
  }

  /** " (did you mean 'x'?)" or the empty string. */
  public static String didYouMean(String word, Collection<String> candidates) {
    return closest(word, candidates).map(s -> " (did you mean '" + s + "'?)").orElse("");
  }

  /** The Levenshtein distance between two strings. */
  public static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
