package org.baton.trust;

import io.grpc.ChannelCredentials;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptor;
import io.grpc.ServerTransportFilter;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettySslContextChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettySslContextServerCredentials;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import java.time.Clock;
import java.util.Objects;
import javax.net.ssl.SSLException;

/**
 * Mutual TLS between consortium nodes (grpc-netty-shaded, TLS 1.3 and 1.2 only).
 *
 * <p>A peer server is built with {@link #serverCredentials} (client certificates are required and must be issued
 * by the consortium CA and valid), intercepted by {@link #authenticator} (the certificate must be listed in the
 * consortium file; the caller is then {@link PeerIdentity#current()}) and, to report connections,
 * {@link #connectionObserver}. A client calling a member uses {@link #channelCredentials}, which also checks that
 * the server is that member.
 */
public final class MutualTls {

    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private MutualTls() {
    }

    /**
     * Credentials for a peer server presenting {@code own}'s TLS certificate and requiring a client certificate
     * issued by {@code own}'s consortium CA. Handshakes refused for a bad certificate are reported to
     * {@code listener}. A peer that sends no certificate is refused by the TLS stack without a report.
     */
    public static ServerCredentials serverCredentials(InstitutionCredentials own, PeerAuthenticationListener listener) {
        Objects.requireNonNull(own, "own");
        Objects.requireNonNull(listener, "listener");
        ConsortiumTrust trust = new ConsortiumTrust(own.caCertificate(), Clock.systemUTC());
        try {
            SslContextBuilder builder = GrpcSslContexts.configure(
                    SslContextBuilder.forServer(own.tlsPrivateKey(), own.tlsCertificate()));
            SslContext context = builder
                    .protocols(PROTOCOLS)
                    .clientAuth(ClientAuth.REQUIRE)
                    .trustManager(new ClientCertificateTrustManager(trust, listener))
                    .build();
            return NettySslContextServerCredentials.create(context);
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build the TLS server context for " + own.institutionId(), e);
        }
    }

    /**
     * Credentials for calling {@code server}: presents {@code own}'s TLS certificate and accepts only the TLS
     * certificate the consortium file lists for {@code server} (issued by the consortium CA, valid, and naming
     * the host dialled).
     */
    public static ChannelCredentials channelCredentials(InstitutionCredentials own, Member server) {
        Objects.requireNonNull(own, "own");
        Objects.requireNonNull(server, "server");
        ConsortiumTrust trust = new ConsortiumTrust(own.caCertificate(), Clock.systemUTC());
        try {
            SslContext context = GrpcSslContexts.forClient()
                    .keyManager(own.tlsPrivateKey(), own.tlsCertificate())
                    .trustManager(new ServerCertificateTrustManager(trust, server))
                    .protocols(PROTOCOLS)
                    .build();
            return NettySslContextChannelCredentials.create(context);
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build the TLS client context for " + own.institutionId()
                    + " calling " + server.id(), e);
        }
    }

    /**
     * The interceptor that admits only calls from consortium members (UNAUTHENTICATED without a client
     * certificate, PERMISSION_DENIED for one not listed) and makes the caller available as
     * {@link PeerIdentity#current()}. Install it on the whole server so no service escapes it.
     */
    public static ServerInterceptor authenticator(Consortium consortium, PeerAuthenticationListener listener) {
        Objects.requireNonNull(consortium, "consortium");
        Objects.requireNonNull(listener, "listener");
        return new PeerAuthenticationInterceptor(consortium, listener);
    }

    /** A transport filter reporting each connection from a consortium member to {@code listener}. */
    public static ServerTransportFilter connectionObserver(Consortium consortium,
            PeerAuthenticationListener listener) {
        Objects.requireNonNull(consortium, "consortium");
        Objects.requireNonNull(listener, "listener");
        return new PeerConnectionObserver(consortium, listener);
    }
}
