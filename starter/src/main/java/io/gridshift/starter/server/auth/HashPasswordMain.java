package io.gridshift.starter.server.auth;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code ./gridshift hash-password}: reads a password on standard input (one line; a trailing
 * newline is not part of it) and prints the value to put in the server config's {@code
 * auth.users[].password}, {@code bcrypt:$2a$12$...}. The password is read from standard input, not
 * from an argument, so it stays out of shell history and process listings.
 */
public final class HashPasswordMain {
  private HashPasswordMain() {}

  public static void main(String[] args) throws IOException {
    System.exit(run(args, System.in, System.out, System.err));
  }

  /** Runs the command; returns the exit code (0 printed, 2 wrong use or unusable password). */
  static int run(String[] args, InputStream in, PrintStream out, PrintStream err)
      throws IOException {
    if (args.length > 0) {
      err.println(
          "usage: printf %s 'the-password' | ./gridshift hash-password"
              + " (the password comes on standard input, never as an argument)");
      return 2;
    }
    String password = stripNewline(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    if (password.isEmpty()) {
      err.println(
          "no password on standard input: printf %s 'the-password' | ./gridshift hash-password");
      return 2;
    }
    try {
      out.println(Secrets.bcrypt(password));
      return 0;
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return 2;
    }
  }

  private static String stripNewline(String s) {
    if (s.endsWith("\r\n")) {
      return s.substring(0, s.length() - 2);
    }
    return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
  }
}
