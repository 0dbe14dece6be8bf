package io.gridshift.demo.bench.paths;

import java.util.HashMap;
import java.util.Map;
import org.infinispan.client.hotrod.DataFormat;
import org.infinispan.client.hotrod.RemoteCache;
import org.infinispan.client.hotrod.RemoteCacheManager;
import org.infinispan.client.hotrod.configuration.ClientIntelligence;
import org.infinispan.client.hotrod.configuration.ConfigurationBuilder;
import org.infinispan.commons.configuration.StringConfiguration;
import org.infinispan.commons.dataconversion.MediaType;
import org.infinispan.commons.marshall.UTF8StringMarshaller;

/**
 * Bench data written the way applications write it, through a Hot Rod client: JSON turned into
 * Protobuf by the server on protostream caches, UTF-8 text on text caches, the client's default
 * marshalling on unencoded caches. Keys are {@code key-<i>}.
 */
final class PathsData implements AutoCloseable {
  static final String SCHEMA_NAME = "paths-bench.proto";
  static final String ENTITY = "bench.Person";

  private final RemoteCacheManager manager;
  private final int major;

  PathsData(String host, int port, String version) {
    ConfigurationBuilder builder = new ConfigurationBuilder();
    builder.addServer().host(host).port(port);
    builder.clientIntelligence(ClientIntelligence.BASIC).socketTimeout(60_000).maxRetries(1);
    manager = new RemoteCacheManager(builder.build());
    major = Integer.parseInt(version.substring(0, version.indexOf('.')));
  }

  /**
   * The schema as a user of this server version writes it: Hibernate Search's {@code @Field} before
   * 14.0, the {@code @Basic} annotation 14.0 introduced from then on.
   */
  String schema() {
    String field =
        major >= 14
            ? "@Basic(projectable = true)"
            : "@Field(index = Index.YES, analyze = Analyze.NO, store = Store.YES)";
    return """
        syntax = "proto2";
        package bench;
        /** @Indexed */
        message Person {
          /** %s */
          optional string name = 1;
          optional int32 age = 2;
        }
        """
        .formatted(field);
  }

  void registerSchema() {
    manager.getCache("___protobuf_metadata").put(SCHEMA_NAME, schema());
  }

  /** The cache's XML as a user of this version declares it (indexing syntax changed in 11/12). */
  String cacheXml(String name, Encoding encoding) {
    String body =
        switch (encoding) {
          case PROTOSTREAM -> encoding("application/x-protostream");
          case TEXT -> encoding("text/plain; charset=UTF-8");
          case UNENCODED -> "";
          case INDEXED -> encoding("application/x-protostream") + indexing();
        };
    return "<distributed-cache name=\""
        + name
        + "\" mode=\"SYNC\">"
        + body
        + "</distributed-cache>";
  }

  /** 11.0 added the {@code media-type} attribute; 10.x names the key and value types apart. */
  private String encoding(String mediaType) {
    return major >= 11
        ? "<encoding media-type=\"" + mediaType + "\"/>"
        : "<encoding><key media-type=\""
            + mediaType
            + "\"/><value media-type=\""
            + mediaType
            + "\"/></encoding>";
  }

  /**
   * 12.0 on: {@code enabled}/{@code storage} and the Protobuf type as indexed entity. 10.x names
   * only Java classes there (a Protobuf type fails with ClassNotFoundException) and indexes
   * Protobuf types annotated {@code @Indexed} on its own.
   */
  private String indexing() {
    return major >= 12
        ? "<indexing enabled=\"true\" storage=\"local-heap\"><indexed-entities><indexed-entity>"
            + ENTITY
            + "</indexed-entity></indexed-entities></indexing>"
        : "<indexing index=\"PRIMARY_OWNER\">"
            + "<property name=\"default.directory_provider\">local-heap</property></indexing>";
  }

  void createCache(String name, Encoding encoding) {
    String xml = cacheXml(name, encoding);
    if (major < 12) {
      // 10.x parses only a whole document here ("ISPN000327: Cannot find a parser for element").
      xml = "<infinispan><cache-container>" + xml + "</cache-container></infinispan>";
    }
    manager.administration().getOrCreateCache(name, new StringConfiguration(xml));
  }

  /** {@code count} entries: {@code key-<i>} to {@link #value(Encoding, int, String)}. */
  void load(String cache, Encoding encoding, int count) {
    RemoteCache<String, String> remote = cache(cache, encoding);
    Map<String, String> batch = new HashMap<>();
    for (int i = 0; i < count; i++) {
      batch.put(key(i), value(encoding, i, "v"));
      if (batch.size() == 500 || i == count - 1) {
        remote.putAll(batch);
        batch.clear();
      }
    }
  }

  static String key(int i) {
    return "key-" + i;
  }

  /** A person as JSON on protostream caches ({@code name-<i>} with {@code tag} before it). */
  static String value(Encoding encoding, int i, String tag) {
    return switch (encoding) {
      case PROTOSTREAM, INDEXED ->
          "{\"_type\":\"" + ENTITY + "\",\"name\":\"" + tag + "name-" + i + "\",\"age\":" + i + "}";
      case TEXT, UNENCODED -> tag + "value-" + i;
    };
  }

  /** The cache in the data format its encoding is written in. */
  RemoteCache<String, String> cache(String cache, Encoding encoding) {
    RemoteCache<String, String> remote = manager.getCache(cache);
    return switch (encoding) {
      case PROTOSTREAM, INDEXED ->
          remote.withDataFormat(
              DataFormat.builder()
                  .valueType(MediaType.APPLICATION_JSON)
                  .valueMarshaller(new UTF8StringMarshaller())
                  .build());
      case TEXT ->
          remote.withDataFormat(
              DataFormat.builder()
                  .keyType(MediaType.TEXT_PLAIN)
                  .keyMarshaller(new UTF8StringMarshaller())
                  .valueType(MediaType.TEXT_PLAIN)
                  .valueMarshaller(new UTF8StringMarshaller())
                  .build());
      case UNENCODED -> remote;
    };
  }

  @Override
  public void close() {
    manager.stop();
  }
}
