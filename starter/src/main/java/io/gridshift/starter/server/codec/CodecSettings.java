package io.gridshift.starter.server.codec;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code codec} section of the server config: which browser origins (the Temporal UI) may call
 * {@code /codec/encode} and {@code /codec/decode} from their pages. The endpoints themselves are
 * served when {@code temporal.encryption} has keys.
 *
 * <pre>
 * codec:
 *   corsOrigins: [http://127.0.0.1:8233]   # the Temporal UI; scheme://host[:port], no path
 * </pre>
 */
public class CodecSettings {
  @JsonProperty private List<String> corsOrigins = new ArrayList<>();

  public CodecSettings() {}

  public CodecSettings(List<String> corsOrigins) {
    this.corsOrigins = new ArrayList<>(corsOrigins);
  }

  /** Origins allowed to call the codec endpoints from a browser; none by default. */
  public List<String> corsOrigins() {
    return corsOrigins == null ? List.of() : List.copyOf(corsOrigins);
  }

  /** Every problem in this section, empty when valid. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < corsOrigins().size(); i++) {
      String origin = corsOrigins().get(i);
      if (!isOrigin(origin)) {
        problems.add(
            "codec.corsOrigins["
                + i
                + "] '"
                + origin
                + "' is not an origin: write scheme://host[:port] with no path,"
                + " e.g. http://127.0.0.1:8233 ('*' is not allowed: the endpoints take credentials)");
      }
    }
    return problems;
  }

  private static boolean isOrigin(String origin) {
    if (origin == null || origin.isBlank()) {
      return false;
    }
    try {
      URI uri = new URI(origin);
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null
          && (uri.getRawPath() == null || uri.getRawPath().isEmpty())
          && uri.getRawQuery() == null
          && uri.getRawUserInfo() == null;
    } catch (Exception e) {
      return false;
    }
  }
}
