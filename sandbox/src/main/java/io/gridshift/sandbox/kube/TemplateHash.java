package io.gridshift.sandbox.kube;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;

/**
 * A stable short hash of a pod template, spelled like Kubernetes spells its template hashes
 * (consonants and digits that cannot form words), used for {@code controller-revision-hash} and
 * {@code pod-template-hash}.
 */
final class TemplateHash {
  private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
  private static final int LENGTH = 10;
  private static final ObjectMapper CANONICAL =
      Serialization.jsonMapper()
          .copy()
          .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private TemplateHash() {}

  static String of(PodTemplateSpec template) {
    try {
      // Through a Map so that key order (labels, annotations) does not change the hash.
      Map<?, ?> tree = CANONICAL.convertValue(template, Map.class);
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(CANONICAL.writeValueAsString(tree).getBytes(StandardCharsets.UTF_8));
      StringBuilder out = new StringBuilder(LENGTH);
      for (int i = 0; i < LENGTH; i++) {
        out.append(ALPHABET.charAt((digest[i] & 0xff) % ALPHABET.length()));
      }
      return out.toString();
    } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot hash pod template", e);
    }
  }
}
