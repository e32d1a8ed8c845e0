package org.baton.node.portal;

import io.javalin.config.RoutesConfig;
import java.time.Clock;
import java.util.Objects;
import org.baton.node.portal.web.Web;

/** Registers the pages of each role's feature package. */
final class PortalPages {

    private final Web web;
    private final PortalBackends backends;
    private final Clock clock;

    PortalPages(Web web, PortalBackends backends, Clock clock) {
        this.web = Objects.requireNonNull(web, "web");
        this.backends = Objects.requireNonNull(backends, "backends");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    void register(RoutesConfig routes) {
        Objects.requireNonNull(routes, "routes");
        Objects.requireNonNull(web, "web");
        Objects.requireNonNull(backends, "backends");
        Objects.requireNonNull(clock, "clock");
    }
}
