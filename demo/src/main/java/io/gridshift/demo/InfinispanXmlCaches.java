package io.gridshift.demo;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The caches an {@code infinispan.xml} declares, with how each stores its values, so the demo can
 * load a user's grid with data its caches accept. Templates ({@code *-cache-configuration}) are not
 * caches and are skipped.
 */
public final class InfinispanXmlCaches {
  /** How a cache stores values, which decides how the demo writes and reads them. */
  public enum Encoding {
    /** {@code application/x-protostream}: JSON values converted by the server to a schema type. */
    PROTOSTREAM,
    /** {@code text/plain}: UTF-8 strings. */
    TEXT,
    /** No encoding declared: the client's bytes as they are (the default marshaller). */
    UNENCODED,
    /** Any other media type: the demo does not load it. */
    OTHER
  }

  private static final Set<String> CACHE_ELEMENTS =
      Set.of(
          "local-cache",
          "distributed-cache",
          "replicated-cache",
          "invalidation-cache",
          "scattered-cache");

  private InfinispanXmlCaches() {}

  /**
   * The caches {@code xml} declares, in file order, each with its encoding.
   *
   * @throws IllegalArgumentException when {@code xml} is not well-formed XML
   */
  public static Map<String, Encoding> read(String xml) {
    Element root;
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      // A user's file: no DTDs, no external entities.
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      root =
          factory
              .newDocumentBuilder()
              .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
              .getDocumentElement();
    } catch (Exception e) {
      throw new IllegalArgumentException(
          "infinispan.xml is not well-formed XML: " + e.getMessage(), e);
    }
    Map<String, Encoding> caches = new LinkedHashMap<>();
    NodeList all = root.getElementsByTagNameNS("*", "*");
    for (int i = 0; i < all.getLength(); i++) {
      Element e = (Element) all.item(i);
      String name = e.getAttribute("name");
      if (CACHE_ELEMENTS.contains(e.getLocalName()) && !name.isBlank()) {
        caches.put(name, encoding(e));
      }
    }
    return caches;
  }

  /** The value encoding: {@code <encoding media-type>} or its {@code <value media-type>}. */
  private static Encoding encoding(Element cache) {
    for (Node n = cache.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && "encoding".equals(e.getLocalName())) {
        String mediaType = e.getAttribute("media-type");
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
          if (c instanceof Element v && "value".equals(v.getLocalName())) {
            mediaType = v.getAttribute("media-type");
          }
        }
        return of(mediaType);
      }
    }
    return Encoding.UNENCODED;
  }

  private static Encoding of(String mediaType) {
    String type = mediaType.strip();
    if (type.isEmpty() || type.equals("application/unknown")) {
      return Encoding.UNENCODED;
    }
    if (type.equals("application/x-protostream")) {
      return Encoding.PROTOSTREAM;
    }
    return type.startsWith("text/plain") ? Encoding.TEXT : Encoding.OTHER;
  }
}
