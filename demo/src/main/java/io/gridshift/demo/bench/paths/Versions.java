package io.gridshift.demo.bench.paths;

/** Orders Infinispan versions by their numbers ({@code 15.0.21.Final} before {@code 16.0.7}). */
final class Versions {
  private Versions() {}

  static int compare(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < 3; i++) {
      int c = Integer.compare(number(x, i), number(y, i));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private static int number(String[] parts, int i) {
    return i < parts.length && parts[i].matches("[0-9]+") ? Integer.parseInt(parts[i]) : 0;
  }
}
