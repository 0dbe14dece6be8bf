package io.gridshift.workflows.common;

/**
 * How long free text in a request or a decision may be, and how it is shown back. Everything a
 * person types ends up in the workflow's history, its status and the audit log that {@code status}
 * prints, so each field has a limit:
 *
 * <ol>
 *   <li>Identities ({@code requestedBy}, a decision's or action's {@code by}): at most {@value
 *       #MAX_IDENTITY} characters, no control characters (a line break would forge audit lines).
 *   <li>Comments: at most {@value #MAX_COMMENT} characters; line breaks and tabs are allowed, other
 *       control characters are not.
 *   <li>Kubernetes names follow {@link Names}.
 * </ol>
 *
 * A request or an update past a limit is refused naming the field. A signal cannot be refused to
 * its sender, so {@link Gatekeeper} audits it as REFUSED with the fields cut by {@link
 * #truncate(String, int)}: the history keeps the evidence, never the whole text.
 */
public final class Limits {
  /** Longest identity: a user name, an e-mail address or a service account. */
  public static final int MAX_IDENTITY = 256;

  /** Longest comment: a few paragraphs. */
  public static final int MAX_COMMENT = 2_000;

  /** How much of a bad value an error message shows. */
  static final int SHOWN = 60;

  private Limits() {}

  /** Why {@code value} cannot be the identity {@code field}, or null when it can (null passes). */
  public static String identityProblem(String field, String value) {
    if (value == null) {
      return null;
    }
    if (value.length() > MAX_IDENTITY) {
      return tooLong(field, value, MAX_IDENTITY, "give a user name or an e-mail address");
    }
    if (value.chars().anyMatch(Character::isISOControl)) {
      return field
          + " '"
          + abbreviate(value)
          + "' contains a control character (a line break, a tab...); give a plain name";
    }
    return null;
  }

  /** Why {@code value} cannot be the comment {@code field}, or null when it can (null passes). */
  public static String commentProblem(String field, String value) {
    if (value == null) {
      return null;
    }
    if (value.length() > MAX_COMMENT) {
      return tooLong(field, value, MAX_COMMENT, "shorten it or link to a longer text");
    }
    if (value.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
      return field + " contains a control character other than a line break or a tab; remove it";
    }
    return null;
  }

  /** "{field} is N characters long; at most {max} are allowed: {fix}". */
  public static String tooLong(String field, String value, int max, String fix) {
    return field
        + " is "
        + value.length()
        + " characters long ('"
        + abbreviate(value)
        + "'); at most "
        + max
        + " are allowed: "
        + fix;
  }

  /**
   * {@code value} as an error message may quote it: control characters shown as '?', and cut after
   * {@value #SHOWN} characters with the full length said.
   */
  public static String abbreviate(String value) {
    if (value == null) {
      return "null";
    }
    StringBuilder shown = new StringBuilder();
    value
        .codePoints()
        .limit(SHOWN)
        .forEach(c -> shown.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    if (value.codePointCount(0, value.length()) > SHOWN) {
      shown.append("... (").append(value.length()).append(" characters)");
    }
    return shown.toString();
  }

  /**
   * {@code value} cut to at most {@code max} characters with a note saying so, for audit entries of
   * refused signals; null and short values are returned as they are.
   */
  public static String truncate(String value, int max) {
    if (value == null || value.length() <= max) {
      return value;
    }
    return value.substring(0, max) + " [truncated by gridshift: " + value.length() + " characters]";
  }
}
