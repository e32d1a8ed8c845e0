package org.baton.node.portal;

import java.time.Duration;
import java.util.Objects;
import org.baton.node.portal.accounts.AccountPolicy;
import org.baton.node.portal.session.Sessions;

/**
 * The portal's settings, validated at construction (each problem names its setting).
 *
 * @param host             address to bind, e.g. {@code 0.0.0.0} or {@code 127.0.0.1}
 * @param port             HTTPS port; 0 picks a free one (tests)
 * @param institutionName  the institution's display name, shown in the header and as the TOTP issuer
 * @param accounts         lockout, activation and Argon2id settings
 * @param timeouts         session timeouts
 * @param throttleLimit    failed sign-in attempts allowed per client address per {@code throttleWindow}
 * @param throttleWindow   the sliding window of the per-address throttle
 */
public record PortalConfig(String host, int port, String institutionName, AccountPolicy accounts,
                           Sessions.Timeouts timeouts, int throttleLimit, Duration throttleWindow) {

    public PortalConfig {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("portal.host is blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("portal.port " + port + " is not in 0..65535");
        }
        Objects.requireNonNull(institutionName, "institutionName");
        if (institutionName.isBlank()) {
            throw new IllegalArgumentException("portal.institutionName is blank");
        }
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(timeouts, "timeouts");
        if (throttleLimit < 1) {
            throw new IllegalArgumentException("portal.throttleLimit " + throttleLimit + " is not positive");
        }
        Objects.requireNonNull(throttleWindow, "throttleWindow");
        if (throttleWindow.isNegative() || throttleWindow.isZero()) {
            throw new IllegalArgumentException("portal.throttleWindow " + throttleWindow + " is not positive");
        }
    }

    /** Defaults: OWASP Argon2id, 5 failures lock for 15 minutes, 30 min idle / 12 h absolute sessions, 30 failures per address per 15 minutes. */
    public static PortalConfig defaults(String host, int port, String institutionName) {
        return new PortalConfig(host, port, institutionName, AccountPolicy.defaults(), Sessions.Timeouts.defaults(),
                30, Duration.ofMinutes(15));
    }
}
