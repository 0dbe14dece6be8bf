package io.gridshift.demo.timeline;

import java.util.Locale;

/**
 * A minimal XML writer for SVG: every attribute value and text node goes through {@link #escape},
 * so names and labels taken from data can never inject markup.
 */
final class Svg {
  private final StringBuilder out;

  Svg(int capacity) {
    out = new StringBuilder(capacity);
  }

  /** Opens {@code tag} with attributes given as name, value pairs. */
  Svg open(String tag, Object... attrs) {
    start(tag, attrs);
    out.append('>');
    return this;
  }

  Svg close(String tag) {
    out.append("</").append(tag).append(">\n");
    return this;
  }

  /** A childless element: {@code <tag a="v"/>}. */
  Svg empty(String tag, Object... attrs) {
    start(tag, attrs);
    out.append("/>\n");
    return this;
  }

  /** An element holding only escaped text. */
  Svg text(String tag, String text, Object... attrs) {
    start(tag, attrs);
    out.append('>').append(escape(text)).append("</").append(tag).append(">\n");
    return this;
  }

  /** An element with a {@code <title>} child: browsers show it as a tooltip, no script needed. */
  Svg withTitle(String tag, String title, Object... attrs) {
    start(tag, attrs);
    out.append("><title>").append(escape(title)).append("</title></").append(tag).append(">\n");
    return this;
  }

  /** An element holding escaped text and a tooltip. */
  Svg textWithTitle(String tag, String text, String title, Object... attrs) {
    start(tag, attrs);
    out.append("><title>").append(escape(title)).append("</title>").append(escape(text));
    out.append("</").append(tag).append(">\n");
    return this;
  }

  private void start(String tag, Object[] attrs) {
    if (attrs.length % 2 != 0) {
      throw new IllegalArgumentException(
          "Attributes of <" + tag + "> must come in name, value pairs");
    }
    out.append('<').append(tag);
    for (int i = 0; i < attrs.length; i += 2) {
      Object v = attrs[i + 1];
      if (v == null) {
        continue;
      }
      String value = v instanceof Double d ? num(d) : escape(String.valueOf(v));
      out.append(' ').append(attrs[i]).append("=\"").append(value).append('"');
    }
  }

  @Override
  public String toString() {
    return out.toString();
  }

  /** A coordinate with at most one decimal: enough for a screen, and keeps the file small. */
  static String num(double v) {
    long tenths = Math.round(v * 10);
    if (tenths % 10 == 0) {
      return Long.toString(tenths / 10);
    }
    return String.format(Locale.ROOT, "%.1f", tenths / 10.0);
  }

  /**
   * Escapes the five XML specials and replaces characters XML 1.0 forbids (control characters, lone
   * surrogates), which would make the SVG unparseable.
   */
  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> appendChecked(b, s, i, c);
      }
    }
    return b.toString();
  }

  private static void appendChecked(StringBuilder b, String s, int i, char c) {
    boolean control = c < 0x20 && c != '\t' && c != '\n' && c != '\r';
    boolean loneHigh =
        Character.isHighSurrogate(c)
            && (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1)));
    boolean loneLow =
        Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
    b.append(control || loneHigh || loneLow || c == 0xFFFE || c == 0xFFFF ? '\uFFFD' : c);
  }
}
