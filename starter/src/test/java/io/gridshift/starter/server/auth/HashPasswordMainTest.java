package io.gridshift.starter.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code ./gridshift hash-password}: stdin in, a config value out. */
class HashPasswordMainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String stdin, String... args) throws Exception {
    return HashPasswordMain.run(
        args,
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void printsAHashThatTheServerAcceptsForThePasswordWithoutItsNewline() throws Exception {
    assertThat(run("alice-pw\n")).isZero();
    String value = out.toString(StandardCharsets.UTF_8).strip();
    assertThat(value).startsWith("bcrypt:$2a$12$");
    assertThat(Secrets.problem(value, false, false)).isNull();
    assertThat(Secrets.matches(value, "alice-pw")).isTrue();
    assertThat(Secrets.matches(value, "alice-pw\n")).isFalse();
  }

  @Test
  void refusesAnArgumentAndAnEmptyInput() throws Exception {
    assertThat(run("", "alice-pw")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("standard input");
    assertThat(run("\n")).isEqualTo(2);
    assertThat(out.size()).isZero();
  }
}
