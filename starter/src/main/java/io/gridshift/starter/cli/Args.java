package io.gridshift.starter.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Command-line arguments: positionals, {@code --name value} options and {@code --flag}s. */
final class Args {
  private final List<String> positionals = new ArrayList<>();
  private final Map<String, String> options = new HashMap<>();

  Args(String[] argv, Set<String> flags) {
    for (int i = 0; i < argv.length; i++) {
      String a = argv[i];
      if (a.startsWith("--")) {
        String name = a.substring(2);
        int eq = name.indexOf('=');
        if (eq >= 0) {
          options.put(name.substring(0, eq), name.substring(eq + 1));
        } else if (flags.contains(name)) {
          options.put(name, "true");
        } else if (i + 1 < argv.length) {
          options.put(name, argv[++i]);
        } else {
          throw new IllegalArgumentException("option --" + name + " needs a value");
        }
      } else {
        positionals.add(a);
      }
    }
  }

  String positional(int index, String what) {
    if (index >= positionals.size()) {
      throw new IllegalArgumentException("missing " + what);
    }
    return positionals.get(index);
  }

  int positionalCount() {
    return positionals.size();
  }

  String option(String name, String fallback) {
    return options.getOrDefault(name, fallback);
  }

  boolean flag(String name) {
    return Boolean.parseBoolean(options.get(name));
  }

  /**
   * Refuses what {@code command} does not take: an option outside {@code allowed}, or more than
   * {@code positionals} positional arguments (the command's words included).
   *
   * @throws IllegalArgumentException naming the first unknown option or extra argument, and what
   *     the command accepts
   */
  void requireOnly(String command, Set<String> allowed, int positionals) {
    for (String name : options.keySet()) {
      if (!allowed.contains(name)) {
        throw new IllegalArgumentException(
            "unknown option --"
                + name
                + " for '"
                + command
                + "'; it accepts "
                + allowed.stream().sorted().map(o -> "--" + o).toList());
      }
    }
    if (this.positionals.size() > positionals) {
      throw new IllegalArgumentException(
          "unexpected argument '"
              + this.positionals.get(positionals)
              + "' for '"
              + command
              + "'; quote a value that contains spaces");
    }
  }
}
