package io.gridshift.workflows.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One meaning per failure-type string: a workflow reacts to a type, so two constants with the same
 * value and different meanings (as {@code ClusterNotSafe} once was) make it react to the wrong one.
 */
class FailureTypesTest {

  /** The product modules; the sandbox is a fixture and its tests may spell types out. */
  private static final List<String> MODULES =
      List.of("workflows", "activities", "worker", "starter");

  @Test
  void everyFailureTypeHasOneName() {
    Map<String, String> byValue = new HashMap<>();
    List<String> clashes = new ArrayList<>();
    for (Class<?> holder : List.of(FailureTypes.class, UpgradeStop.class)) {
      for (String[] constant : stringConstants(holder)) {
        String earlier = byValue.putIfAbsent(constant[1], constant[0]);
        if (earlier != null) {
          clashes.add(constant[1] + ": " + earlier + " and " + constant[0]);
        }
      }
    }
    assertThat(clashes).isEmpty();
  }

  /**
   * A type spelled as a literal anywhere but in {@link FailureTypes} is a second definition waiting
   * to drift (or to be given a second meaning); code names the constant instead.
   */
  @Test
  void noProductCodeSpellsAFailureTypeOutsideFailureTypes() throws IOException {
    List<String> values = stringConstants(FailureTypes.class).stream().map(c -> c[1]).toList();
    Path root = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("..");
    List<String> found = new ArrayList<>();
    for (String module : MODULES) {
      Path sources = root.resolve(module).resolve("src/main/java");
      try (Stream<Path> files = Files.walk(sources)) {
        files
            .filter(f -> f.toString().endsWith(".java"))
            .filter(f -> !f.getFileName().toString().equals("FailureTypes.java"))
            .forEach(f -> values.forEach(v -> spelled(f, v, root, found)));
      }
    }
    assertThat(found).isEmpty();
  }

  private static void spelled(Path file, String value, Path root, List<String> found) {
    try {
      if (Files.readString(file).contains("\"" + value + "\"")) {
        found.add(root.relativize(file) + " spells \"" + value + "\"");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {name, value} of each public static final String field of {@code holder}. */
  private static List<String[]> stringConstants(Class<?> holder) {
    List<String[]> constants = new ArrayList<>();
    for (Field f : holder.getDeclaredFields()) {
      int m = f.getModifiers();
      if (Modifier.isPublic(m) && Modifier.isStatic(m) && f.getType() == String.class) {
        try {
          constants.add(
              new String[] {holder.getSimpleName() + "." + f.getName(), (String) f.get(null)});
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return constants;
  }
}
