package org.baton.node.portal;

import io.javalin.Javalin;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.baton.node.portal.accounts.Accounts;
import org.baton.node.portal.security.AccessPolicy;
import org.baton.node.portal.security.Csrf;
import org.baton.node.portal.security.SignInThrottle;
import org.baton.node.portal.session.Sessions;
import org.baton.node.portal.signin.SignInPages;
import org.baton.node.portal.web.CoreRoutes;
import org.baton.node.portal.web.Web;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's portal: an HTTPS server (Javalin on Jetty, TLS 1.2/1.3 only, no plain-HTTP port) for students,
 * guardians, counselors, registrars, administrators and auditors. {@code NodeApp} constructs it with the node's
 * TLS credentials and the portal's backends, then {@link #start()}s and {@link #stop()}s it.
 */
public final class PortalServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PortalServer.class);

    private final PortalConfig config;
    private final PortalTls tls;
    private final PortalBackends backends;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Accounts accounts;
    private final AtomicReference<Javalin> running = new AtomicReference<>();
    private volatile ServerConnector connector;

    public PortalServer(PortalConfig config, PortalTls tls, PortalBackends backends, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.tls = Objects.requireNonNull(tls, "tls");
        this.backends = Objects.requireNonNull(backends, "backends");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.accounts = Accounts.create(backends.accounts(), config.accounts(), clock, random);
    }

    /** The record-store columns the portal's accounts and sessions use; declare them when opening the store. */
    public static java.util.List<org.baton.node.store.Column<?, ?>> storeColumns() {
        java.util.List<org.baton.node.store.Column<?, ?>> all = new java.util.ArrayList<>(
                org.baton.node.portal.accounts.AccountStore.STORE_COLUMNS);
        all.addAll(org.baton.node.portal.session.SessionStore.STORE_COLUMNS);
        return java.util.List.copyOf(all);
    }

    /** The account service, for the command line that issues the first administrator's activation code. */
    public Accounts accounts() {
        return accounts;
    }

    /**
     * Binds the HTTPS port and starts serving.
     *
     * @throws IllegalStateException when already started
     */
    public synchronized PortalServer start() {
        if (running.get() != null) {
            throw new IllegalStateException("portal already started on port " + port());
        }
        Sessions sessions = Sessions.create(backends.sessions(), config.timeouts(), clock, random);
        Csrf csrf = new Csrf(random);
        AccessPolicy policy = new AccessPolicy();
        Web web = new Web(policy, csrf, config.institutionName());
        SignInThrottle throttle = new SignInThrottle(config.throttleLimit(), config.throttleWindow(), clock);
        CoreRoutes core = new CoreRoutes(web, sessions, accounts, csrf, random);
        SignInPages signIn = new SignInPages(web, accounts, sessions, throttle, random, config.institutionName());
        PortalPages pages = new PortalPages(web, backends, accounts, sessions, clock);
        char[] password = new char[32];
        for (int i = 0; i < password.length; i++) {
            password[i] = (char) ('a' + random.nextInt(26));
        }
        Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.http.maxRequestSize = 5_000_000L;
            cfg.jetty.addConnector((server, httpConfig) -> {
                SslContextFactory.Server ssl = new SslContextFactory.Server();
                ssl.setKeyStore(tls.keyStore(password));
                ssl.setKeyStorePassword(new String(password));
                ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
                HttpConfiguration https = new HttpConfiguration(httpConfig);
                https.setSendServerVersion(false);
                https.setSendXPoweredBy(false);
                SecureRequestCustomizer secure = new SecureRequestCustomizer();
                // Clients reach the portal by the node's name or by address; the certificate is checked by them.
                secure.setSniHostCheck(false);
                https.addCustomizer(secure);
                ServerConnector c = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
                        new HttpConnectionFactory(https));
                c.setHost(config.host());
                c.setPort(config.port());
                connector = c;
                return c;
            });
            core.register(cfg.routes);
            signIn.register(cfg.routes);
            pages.register(cfg.routes);
        });
        app.start();
        running.set(app);
        if (app.jettyServer().server().getConnectors().length != 1) {
            stop();
            throw new IllegalStateException("portal must listen on its HTTPS port only");
        }
        LOG.info("portal serving HTTPS on {}:{}", config.host(), port());
        return this;
    }

    /** The configured address the portal binds. */
    public String host() {
        return config.host();
    }

    /** The bound HTTPS port (the real one when the config asked for 0). */
    public int port() {
        ServerConnector c = connector;
        if (c == null || running.get() == null) {
            throw new IllegalStateException("portal is not started");
        }
        return c.getLocalPort();
    }

    /** Stops serving. Stopping a portal that is not running does nothing. */
    public synchronized void stop() {
        Javalin app = running.getAndSet(null);
        if (app != null) {
            app.stop();
            LOG.info("portal stopped");
        }
    }

    @Override
    public void close() {
        stop();
    }
}
