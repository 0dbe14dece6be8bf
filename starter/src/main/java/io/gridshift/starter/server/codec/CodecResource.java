package io.gridshift.starter.server.codec;

import com.codahale.metrics.annotation.Timed;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.dropwizard.auth.Auth;
import io.gridshift.starter.server.ErrorBody;
import io.gridshift.starter.server.auth.GridshiftUser;
import io.gridshift.starter.server.auth.Roles;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Temporal's remote codec endpoints, so the Temporal UI and CLI show encrypted payloads decoded to
 * the people allowed to see them: {@code POST /codec/decode} and {@code POST /codec/encode} (also
 * under {@code /codec/{namespace}/...} for the CLI's {@code --codec-endpoint} template). The body
 * both ways is {@code Payloads} in protobuf JSON: {@code {"payloads": [{"metadata": {"encoding":
 * "<base64>"}, "data": "<base64>"}]}}.
 *
 * <p>Decode needs any authenticated user (everyone who may read upgrades through the API). Encode
 * needs a role that changes things (requester or approver): the UI encodes only inputs it sends
 * (start, signal, query), and a read-only user has nothing to send. Encoding grants no power of its
 * own (workers also read clear payloads), so it is no substitute for signed approvals.
 */
@Path("/codec")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class CodecResource {
  private static final Logger log = LoggerFactory.getLogger(CodecResource.class);

  private final PayloadCodec codec;

  public CodecResource(PayloadCodec codec) {
    this.codec = codec;
  }

  /** Decrypts the payloads (clear ones come back unchanged). */
  @POST
  @Path("decode")
  @Timed
  @PermitAll
  public String decode(
      @Auth GridshiftUser caller, @HeaderParam("X-Namespace") String namespace, String body) {
    return convert("decode", caller, namespace, body, codec::decode);
  }

  /** The same, with the namespace in the path (the CLI's {@code {namespace}} template). */
  @POST
  @Path("{namespace}/decode")
  @Timed
  @PermitAll
  public String decodeIn(
      @Auth GridshiftUser caller, @PathParam("namespace") String namespace, String body) {
    return convert("decode", caller, namespace, body, codec::decode);
  }

  /** Encrypts the payloads with the active key. */
  @POST
  @Path("encode")
  @Timed
  @RolesAllowed({Roles.REQUESTER, Roles.APPROVER})
  public String encode(
      @Auth GridshiftUser caller, @HeaderParam("X-Namespace") String namespace, String body) {
    return convert("encode", caller, namespace, body, codec::encode);
  }

  /** The same, with the namespace in the path. */
  @POST
  @Path("{namespace}/encode")
  @Timed
  @RolesAllowed({Roles.REQUESTER, Roles.APPROVER})
  public String encodeIn(
      @Auth GridshiftUser caller, @PathParam("namespace") String namespace, String body) {
    return convert("encode", caller, namespace, body, codec::encode);
  }

  private static String convert(
      String action,
      GridshiftUser caller,
      String namespace,
      String body,
      UnaryOperator<List<Payload>> operation) {
    Payloads.Builder in = Payloads.newBuilder();
    try {
      JsonFormat.parser().ignoringUnknownFields().merge(body == null ? "" : body, in);
    } catch (InvalidProtocolBufferException e) {
      throw refused(
          400,
          "the body is not Temporal's codec JSON {\"payloads\": [{\"metadata\": {...},"
              + " \"data\": \"<base64>\"}]}: "
              + e.getMessage());
    }
    List<Payload> out;
    try {
      out = operation.apply(in.getPayloadsList());
    } catch (PayloadCodecException e) {
      throw refused(422, e.getMessage());
    }
    log.debug(
        "{} {} payload(s) of namespace {} for {}", action, out.size(), namespace, caller.getName());
    try {
      return JsonFormat.printer().print(Payloads.newBuilder().addAllPayloads(out).build());
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("cannot print payloads as JSON", e);
    }
  }

  private static WebApplicationException refused(int status, String message) {
    return new WebApplicationException(
        Response.status(status)
            .type(MediaType.APPLICATION_JSON)
            .entity(new ErrorBody(status, message, List.of()))
            .build());
  }
}
