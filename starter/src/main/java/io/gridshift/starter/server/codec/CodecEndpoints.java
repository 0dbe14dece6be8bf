package io.gridshift.starter.server.codec;

import io.dropwizard.core.setup.Environment;
import io.gridshift.workflows.client.PayloadEncryption;
import io.gridshift.workflows.client.TemporalClients;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the remote codec ({@link CodecResource} behind {@link CodecCorsFilter}) into the REST
 * service when payloads are encrypted; with no keys there is nothing to decode and no endpoint.
 */
public final class CodecEndpoints {
  private static final Logger log = LoggerFactory.getLogger(CodecEndpoints.class);

  private CodecEndpoints() {}

  /**
   * Registers the endpoints with the codec of {@code encryption} (key files read now: a bad one
   * stops the server); a {@code settings} problem stops the server too.
   */
  public static void register(
      Environment environment, PayloadEncryption encryption, CodecSettings settings) {
    List<String> problems = settings.problems();
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "the server config is invalid: " + String.join("; ", problems));
    }
    if (!encryption.enabled()) {
      if (!settings.corsOrigins().isEmpty()) {
        log.warn("codec.corsOrigins is set but temporal.encryption has no keys: no codec endpoint");
      }
      return;
    }
    environment.jersey().register(new CodecResource(TemporalClients.payloadCodec(encryption)));
    environment
        .servlets()
        .addFilter("codec-cors", new CodecCorsFilter(settings.corsOrigins()))
        .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/codec/*");
    log.info(
        "remote codec at /codec/encode and /codec/decode (active key {}), browser origins {}",
        encryption.activeKey(),
        settings.corsOrigins());
  }
}
