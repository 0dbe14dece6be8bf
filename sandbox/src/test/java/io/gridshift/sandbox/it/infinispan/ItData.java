package io.gridshift.sandbox.it.infinispan;

import io.gridshift.sandbox.infinispan.InfinispanServer;
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
 * Test data written the way applications write it: through a Hot Rod client, String keys, String
 * values on unencoded caches and JSON turned into Protobuf by the server on protostream caches.
 */
final class ItData implements AutoCloseable {
  static final String SCHEMA_NAME = "it-person.proto";
  static final String SCHEMA =
      """
      syntax = "proto2";
      package it;
      message Person {
        optional string name = 1;
        optional int32 age = 2;
      }
      """;

  private final RemoteCacheManager manager;

  ItData(InfinispanServer server, boolean auth) {
    ConfigurationBuilder builder = new ConfigurationBuilder();
    builder.addServer().host(server.bindAddress()).port(server.port());
    builder.clientIntelligence(ClientIntelligence.BASIC).socketTimeout(30_000);
    if (auth) {
      builder
          .security()
          .authentication()
          .saslMechanism("DIGEST-MD5")
          .realm("default")
          .username(ItGrids.USER)
          .password(ItGrids.PASSWORD);
    }
    manager = new RemoteCacheManager(builder.build());
  }

  void registerSchema() {
    manager.getCache("___protobuf_metadata").put(SCHEMA_NAME, SCHEMA);
  }

  /** A distributed cache; {@code mediaType} null leaves the encoding unset. */
  void createCache(String name, String mediaType) {
    String encoding = mediaType == null ? "" : "<encoding media-type=\"" + mediaType + "\"/>";
    manager
        .administration()
        .getOrCreateCache(
            name,
            new StringConfiguration(
                "<distributed-cache name=\""
                    + name
                    + "\" mode=\"SYNC\">"
                    + encoding
                    + "</distributed-cache>"));
  }

  /** {@code key-<i>} -> {@code value-<i>} as Strings. */
  void loadStrings(String cache, int count) {
    RemoteCache<String, String> remote = manager.getCache(cache);
    Map<String, String> batch = new HashMap<>();
    for (int i = 0; i < count; i++) {
      batch.put("key-" + i, "value-" + i);
      if (batch.size() == 1000 || i == count - 1) {
        remote.putAll(batch);
        batch.clear();
      }
    }
  }

  /** {@code person-<i>} -> {@code it.Person} sent as JSON. */
  void loadPeople(String cache, int count) {
    RemoteCache<String, String> remote = json(cache);
    Map<String, String> batch = new HashMap<>();
    for (int i = 0; i < count; i++) {
      batch.put("person-" + i, person(i, "name-" + i));
      if (batch.size() == 1000 || i == count - 1) {
        remote.putAll(batch);
        batch.clear();
      }
    }
  }

  static String person(int age, String name) {
    return "{\"_type\":\"it.Person\",\"name\":\"" + name + "\",\"age\":" + age + "}";
  }

  RemoteCache<String, String> strings(String cache) {
    return manager.getCache(cache);
  }

  RemoteCache<String, String> json(String cache) {
    return manager
        .<String, String>getCache(cache)
        .withDataFormat(
            DataFormat.builder()
                .valueType(MediaType.APPLICATION_JSON)
                .valueMarshaller(new UTF8StringMarshaller())
                .build());
  }

  @Override
  public void close() {
    manager.close();
  }
}
