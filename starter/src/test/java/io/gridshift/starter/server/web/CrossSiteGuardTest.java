package io.gridshift.starter.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * The guard's rule alone (the service-level behaviour is in {@code WebProtectionsTest} and {@code
 * CrossSiteRequestIT}): which calls it lets through, and the exempt-prefix hook for resources that
 * check the caller's origin themselves.
 */
class CrossSiteGuardTest {
  private final CrossSiteGuard guard = new CrossSiteGuard(Set.of("codec/"));

  private static ContainerRequestContext request(String method, String path, String header) {
    ContainerRequestContext request = mock(ContainerRequestContext.class);
    UriInfo uri = mock(UriInfo.class);
    when(uri.getPath()).thenReturn(path);
    when(request.getUriInfo()).thenReturn(uri);
    when(request.getMethod()).thenReturn(method);
    when(request.getHeaderString(CrossSiteGuard.HEADER)).thenReturn(header);
    when(request.hasEntity()).thenReturn(true);
    when(request.getMediaType()).thenReturn(MediaType.APPLICATION_JSON_TYPE);
    return request;
  }

  private static int refusal(ContainerRequestContext request) {
    ArgumentCaptor<Response> response = ArgumentCaptor.forClass(Response.class);
    verify(request).abortWith(response.capture());
    return response.getValue().getStatus();
  }

  @Test
  void everyStateChangingMethodNeedsTheHeader() {
    for (String method : new String[] {"POST", "PUT", "PATCH", "DELETE"}) {
      ContainerRequestContext without = request(method, "api/upgrades", null);
      guard.filter(without);
      assertThat(refusal(without)).as(method).isEqualTo(403);
      ContainerRequestContext blank = request(method, "api/upgrades", " ");
      guard.filter(blank);
      assertThat(refusal(blank)).as(method).isEqualTo(403);
      ContainerRequestContext with = request(method, "api/upgrades", "1");
      guard.filter(with);
      verify(with, never()).abortWith(any());
    }
  }

  @Test
  void readsPassWithoutIt() {
    for (String method : new String[] {"GET", "HEAD", "OPTIONS"}) {
      ContainerRequestContext read = request(method, "api/upgrades", null);
      guard.filter(read);
      verify(read, never()).abortWith(any());
    }
  }

  @Test
  void exemptPrefixesAreLeftToTheirResource() {
    ContainerRequestContext codec = request("POST", "codec/decode", null);
    guard.filter(codec);
    verify(codec, never()).abortWith(any());
    // Only a prefix of the path counts, not a segment elsewhere.
    ContainerRequestContext api = request("POST", "api/codec/decode", null);
    guard.filter(api);
    assertThat(refusal(api)).isEqualTo(403);
  }

  @Test
  void formTypesAreRefusedJsonAndYamlPass() {
    for (String type :
        new String[] {"application/x-www-form-urlencoded", "multipart/form-data", "text/plain"}) {
      ContainerRequestContext form = request("POST", "api/upgrades", "1");
      when(form.getMediaType()).thenReturn(MediaType.valueOf(type));
      guard.filter(form);
      assertThat(refusal(form)).as(type).isEqualTo(415);
    }
    for (String type :
        new String[] {"application/json; charset=utf-8", "application/yaml", "text/yaml"}) {
      ContainerRequestContext ok = request("POST", "api/fleets", "1");
      when(ok.getMediaType()).thenReturn(MediaType.valueOf(type));
      guard.filter(ok);
      verify(ok, never()).abortWith(any());
    }
  }
}
