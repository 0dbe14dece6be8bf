package io.gridshift.activities.infinispan;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * CONFIG mode: adds a remote store pointing at the source to a cache definition as the source's
 * REST API renders it ({@code <distributed-cache name="c" ...>...</distributed-cache>}, no
 * namespace). Pure: strings in, a string out, no XML declaration so the result can be placed inside
 * a {@code <cache-container>}.
 *
 * <p>Credentials are never written: the store reads them from the pod's environment ({@value
 * #USERNAME_REF}, {@value #PASSWORD_REF}), which the deploy activity fills from the Secret.
 */
final class RemoteStoreXml {
  /** The remote store's schema; 14.0 parses on 14.x and 15.x servers alike. */
  static final String REMOTE_STORE_NS = "urn:infinispan:config:store:remote:14.0";

  static final String USERNAME_REF = "${env.GRIDSHIFT_SOURCE_USERNAME}";
  static final String PASSWORD_REF = "${env.GRIDSHIFT_SOURCE_PASSWORD}";

  private RemoteStoreXml() {}

  /**
   * {@code cacheXml} with a {@code <persistence><remote-store>} to {@code host:port}.
   *
   * @param credentials whether the store authenticates (digest, from the environment)
   * @throws IllegalArgumentException when {@code cacheXml} is not one cache element, or already has
   *     a remote store (a second one would make sync-data fail)
   */
  static String withRemoteStore(
      String cacheXml, String cache, String host, int port, boolean credentials) {
    Document doc = parse(cacheXml);
    Element root = doc.getDocumentElement();
    if (!root.getLocalName().endsWith("-cache")) {
      throw new IllegalArgumentException(
          "configuration of cache '" + cache + "' is <" + root.getLocalName() + ">, not a cache");
    }
    if (doc.getElementsByTagNameNS("*", "remote-store").getLength() > 0) {
      throw new IllegalArgumentException(
          "cache '" + cache + "' already has a remote store on the source; remove it first");
    }
    root.setAttribute("name", cache);
    Element persistence = child(root, "persistence");
    if (persistence == null) {
      persistence = doc.createElementNS(root.getNamespaceURI(), "persistence");
      root.appendChild(persistence);
    }
    persistence.appendChild(remoteStore(doc, cache, host, port, credentials));
    return serialize(doc);
  }

  private static Element remoteStore(
      Document doc, String cache, String host, int port, boolean credentials) {
    Element store = doc.createElementNS(REMOTE_STORE_NS, "remote-store");
    store.setAttribute("cache", cache);
    store.setAttribute("shared", "true");
    store.setAttribute("raw-values", "true");
    store.setAttribute("segmented", "false");
    Element server = doc.createElementNS(REMOTE_STORE_NS, "remote-server");
    server.setAttribute("host", host);
    server.setAttribute("port", Integer.toString(port));
    store.appendChild(server);
    if (credentials) {
      Element security = doc.createElementNS(REMOTE_STORE_NS, "security");
      Element authentication = doc.createElementNS(REMOTE_STORE_NS, "authentication");
      Element digest = doc.createElementNS(REMOTE_STORE_NS, "digest");
      digest.setAttribute("username", USERNAME_REF);
      digest.setAttribute("password", PASSWORD_REF);
      digest.setAttribute("realm", RemoteStoreJson.SOURCE_REALM);
      authentication.appendChild(digest);
      security.appendChild(authentication);
      store.appendChild(security);
    }
    return store;
  }

  private static Element child(Element parent, String localName) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && localName.equals(e.getLocalName())) {
        return e;
      }
    }
    return null;
  }

  private static Document parse(String xml) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    } catch (SAXException | IOException e) {
      throw new IllegalArgumentException("cache configuration is not valid XML: " + e.getMessage());
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JVM's XML parser lacks a needed feature", e);
    }
  }

  private static String serialize(Document doc) {
    try {
      var transformer = TransformerFactory.newInstance().newTransformer();
      transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
      StringWriter out = new StringWriter();
      transformer.transform(new DOMSource(doc), new StreamResult(out));
      return out.toString();
    } catch (TransformerException e) {
      throw new IllegalStateException("serializing a cache configuration failed", e);
    }
  }
}
