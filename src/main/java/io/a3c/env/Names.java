package io.a3c.env;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Close-match suggestions for mistyped ids. */
final class Names {
  private Names() {}

  /** Up to {@code limit} names within a small edit distance of {@code query}, closest first. */
  static List<String> closest(String query, List<String> names, int limit) {
    String q = query.toLowerCase(Locale.ROOT);
    int threshold = Math.max(2, q.length() / 3);
    return names.stream()
        .filter(n -> score(q, n) <= threshold)
        .sorted(Comparator.comparingInt((String n) -> score(q, n)).thenComparing(n -> n))
        .limit(limit)
        .toList();
  }

  /** Edit distance, with a containment shortcut so "pong" finds "PongDeterministic-v4". */
  private static int score(String q, String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.startsWith(q) || (q.length() >= 4 && n.contains(q))) {
      return 1;
    }
    return distance(q, n);
  }

  static int distance(String a, String b) {
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
