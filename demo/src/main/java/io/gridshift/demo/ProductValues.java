package io.gridshift.demo;

import io.gridshift.demo.traffic.GridOps;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The traffic probe's string values stored in the demo's protostream cache: each value travels as
 * the name of a {@code demo.Product} in JSON (the server converts it to and from protostream), and
 * reads give the name back, so the probe checks versions exactly as on an unencoded cache.
 */
public final class ProductValues implements GridOps {
  private static final Pattern NAME = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]*)\"");

  private final GridOps json;

  /** Over {@code json}, a client of the cache that reads and writes JSON values. */
  public ProductValues(GridOps json) {
    this.json = json;
  }

  @Override
  public void put(String key, String value) throws Exception {
    json.put(key, "{\"_type\":\"demo.Product\",\"name\":\"" + value + "\",\"stock\":0}");
  }

  @Override
  public String get(String key) throws Exception {
    return nameOf(json.get(key));
  }

  /** The product's name in {@code product} (JSON), or null when there is none. */
  static String nameOf(String product) {
    if (product == null) {
      return null;
    }
    Matcher m = NAME.matcher(product);
    return m.find() ? m.group(1) : product;
  }

  @Override
  public void reconnect() {
    json.reconnect();
  }

  @Override
  public String describe() {
    return json.describe() + " (values as demo.Product JSON)";
  }

  @Override
  public void close() throws Exception {
    json.close();
  }
}
