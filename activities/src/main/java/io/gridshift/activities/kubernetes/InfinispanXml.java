package io.gridshift.activities.kubernetes;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Edits an Infinispan server {@code infinispan.xml} with a namespace-aware DOM parser (never with
 * string surgery, so attributes in any order, comments and self-closing elements are handled).
 * Pure: strings in, strings out. Both edits are idempotent. Malformed XML is an {@link
 * IllegalArgumentException} saying where.
 */
final class InfinispanXml {
  private InfinispanXml() {}

  /**
   * Puts the cache definitions of {@code cachesXml} (a sequence of elements such as {@code
   * <distributed-cache name="c">}) at the end of the {@code <cache-container>} of {@code xml},
   * after removing the caches it already defines with the same names. Unprefixed elements of the
   * fragment take the cache container's namespace.
   */
  static String withCaches(String xml, String cachesXml) {
    Document doc = parse(xml, "infinispan.xml");
    Element container = cacheContainer(doc);
    List<Element> caches = parseFragment(cachesXml, container.getNamespaceURI());
    Set<String> names = new HashSet<>();
    for (Element cache : caches) {
      names.add(cache.getAttribute("name"));
    }
    for (Element existing : childElements(container)) {
      if (existing.getLocalName().endsWith("-cache")
          && names.contains(existing.getAttribute("name"))) {
        removeWithIndent(existing);
      }
    }
    // Before the whitespace that indents the closing tag, indented like the container's children.
    Node tail = container.getLastChild();
    Node before = isBlankText(tail) ? tail : null;
    String indent = childIndent(container);
    for (Element cache : caches) {
      Node imported = doc.importNode(cache, true);
      indentBlankText(imported, indent.substring(indent.lastIndexOf('\n') + 1));
      container.insertBefore(doc.createTextNode(indent), before);
      container.insertBefore(imported, before);
    }
    return serialize(doc, xml);
  }

  /**
   * {@code xml} without the declarations of the caches named in {@code names} (any {@code *-cache}
   * element of the cache container with that name); {@code xml} itself, unchanged character for
   * character, when it declares none of them.
   */
  static String withoutCaches(String xml, Collection<String> names) {
    Document doc = parse(xml, "infinispan.xml");
    List<Element> declared =
        childElements(cacheContainer(doc)).stream()
            .filter(e -> e.getLocalName().endsWith("-cache"))
            .filter(e -> names.contains(e.getAttribute("name")))
            .toList();
    if (declared.isEmpty()) {
      return xml;
    }
    declared.forEach(InfinispanXml::removeWithIndent);
    return serialize(doc, xml);
  }

  /**
   * {@code xml} without any {@code <remote-store>} element (in any namespace) and without the
   * {@code <persistence>} elements this leaves with no child element; {@code xml} itself, unchanged
   * character for character, when it has no remote store.
   */
  static String withoutRemoteStores(String xml) {
    Document doc = parse(xml, "infinispan.xml");
    List<Element> stores = elements(doc.getElementsByTagNameNS("*", "remote-store"));
    if (stores.isEmpty()) {
      return xml;
    }
    for (Element store : stores) {
      Node parent = store.getParentNode();
      removeWithIndent(store);
      if (parent instanceof Element p
          && "persistence".equals(p.getLocalName())
          && childElements(p).isEmpty()) {
        parent = p.getParentNode();
        removeWithIndent(p);
      }
      // A cache left with nothing inside serializes as <distributed-cache .../>.
      if (parent instanceof Element p && childElements(p).isEmpty() && blankOnly(p)) {
        while (p.getFirstChild() != null) {
          p.removeChild(p.getFirstChild());
        }
      }
    }
    return serialize(doc, xml);
  }

  /**
   * {@code xml} with the cluster name of its JGroups {@code <transport>} set to {@code cluster}, so
   * that target pods form their own cluster even when the copied configuration's discovery could
   * reach source pods; {@code xml} unchanged when it has no transport or already uses that name.
   */
  static String withTransportCluster(String xml, String cluster) {
    Document doc = parse(xml, "infinispan.xml");
    List<Element> transports = elements(doc.getElementsByTagNameNS("*", "transport"));
    boolean changed = false;
    for (Element transport : transports) {
      if (!cluster.equals(transport.getAttribute("cluster"))) {
        transport.setAttribute("cluster", cluster);
        changed = true;
      }
    }
    return changed ? serialize(doc, xml) : xml;
  }

  private static Element cacheContainer(Document doc) {
    List<Element> found = elements(doc.getElementsByTagNameNS("*", "cache-container"));
    if (found.isEmpty()) {
      throw new IllegalArgumentException("infinispan.xml has no <cache-container> element");
    }
    return found.get(0);
  }

  private static List<Element> parseFragment(String fragment, String namespace) {
    String ns = namespace == null ? "" : " xmlns=\"" + namespace + "\"";
    Document wrapper =
        parse("<gridshift-caches" + ns + ">" + fragment + "</gridshift-caches>", "cache configs");
    return childElements(wrapper.getDocumentElement());
  }

  /** The line break and spaces before the container's last child element ("\n " if none). */
  private static String childIndent(Element container) {
    List<Element> children = childElements(container);
    if (!children.isEmpty()
        && isBlankText(children.get(children.size() - 1).getPreviousSibling())) {
      return children.get(children.size() - 1).getPreviousSibling().getTextContent();
    }
    return "\n   ";
  }

  /** Shifts every line break inside {@code node} right by {@code prefix}. */
  private static void indentBlankText(Node node, String prefix) {
    for (Node n = node.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (isBlankText(n)) {
        n.setTextContent(n.getTextContent().replace("\n", "\n" + prefix));
      } else {
        indentBlankText(n, prefix);
      }
    }
  }

  private static boolean blankOnly(Element element) {
    for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (!isBlankText(n)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isBlankText(Node node) {
    return node != null && node.getNodeType() == Node.TEXT_NODE && node.getTextContent().isBlank();
  }

  /** Removes {@code node} and the whitespace that indented it, so no blank line is left. */
  private static void removeWithIndent(Node node) {
    Node previous = node.getPreviousSibling();
    if (isBlankText(previous)) {
      previous.getParentNode().removeChild(previous);
    }
    node.getParentNode().removeChild(node);
  }

  private static List<Element> childElements(Element parent) {
    List<Element> children = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        children.add(e);
      }
    }
    return children;
  }

  private static List<Element> elements(NodeList nodes) {
    List<Element> list = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      list.add((Element) nodes.item(i));
    }
    return list;
  }

  private static Document parse(String xml, String what) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      // Configuration text comes from the cluster: no DTDs, no external entities.
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(null);
      return builder.parse(new InputSource(new StringReader(xml)));
    } catch (SAXException e) {
      throw new IllegalArgumentException(what + " is not well-formed XML: " + e.getMessage(), e);
    } catch (ParserConfigurationException | IOException e) {
      throw new IllegalStateException("cannot parse " + what, e);
    }
  }

  private static String serialize(Document doc, String original) {
    try {
      TransformerFactory factory = TransformerFactory.newInstance();
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
      Transformer transformer = factory.newTransformer();
      boolean declared = original.stripLeading().startsWith("<?xml");
      transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, declared ? "no" : "yes");
      transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
      doc.setXmlStandalone(true);
      StringWriter out = new StringWriter();
      transformer.transform(new DOMSource(doc), new StreamResult(out));
      String text = out.toString();
      // The JDK serializer puts the root element on the declaration's line.
      return declared ? text.replaceFirst("\\?>\\s*<", "?>\n<") : text;
    } catch (TransformerException e) {
      throw new IllegalStateException("cannot write infinispan.xml", e);
    }
  }
}
