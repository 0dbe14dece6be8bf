package io.gridshift.starter.server.web;

import io.dropwizard.core.setup.Environment;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.Set;

/** Registers the browser-facing protections: {@link SecurityHeaders} and {@link CrossSiteGuard}. */
public final class WebProtections {
  private WebProtections() {}

  /**
   * @param crossSiteExempt path prefixes (e.g. {@code codec/}) whose resources check the caller's
   *     origin themselves (CORS) and so need not carry {@value CrossSiteGuard#HEADER}
   */
  public static void register(Environment environment, Set<String> crossSiteExempt) {
    environment
        .servlets()
        .addFilter("security-headers", new SecurityHeaders())
        .addMappingForUrlPatterns(EnumSet.allOf(DispatcherType.class), true, "/*");
    environment.jersey().register(new CrossSiteGuard(crossSiteExempt));
  }
}
