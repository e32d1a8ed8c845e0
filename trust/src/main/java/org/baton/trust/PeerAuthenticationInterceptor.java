package org.baton.trust;

import io.grpc.Attributes;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.net.SocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Maps the verified client certificate of every call to a consortium member, or closes the call:
 * UNAUTHENTICATED without a client certificate, PERMISSION_DENIED for a certificate not listed in the consortium
 * file. The member is put in the call's {@link Context} for {@link PeerIdentity}. A certificate found to name a
 * member (the consortium file is fixed for the interceptor's life) is remembered, so the calls of a connection
 * do not hash and parse the same certificate again; certificates refused are not remembered.
 */
final class PeerAuthenticationInterceptor implements ServerInterceptor {

    /** Certificates remembered at most; beyond that (a consortium rarely has this many), each call checks anew. */
    private static final int MAX_ADMITTED = 4_096;

    private final Consortium consortium;
    private final PeerAuthenticationListener listener;
    private final Map<X509Certificate, Member> admitted = new ConcurrentHashMap<>();

    PeerAuthenticationInterceptor(Consortium consortium, PeerAuthenticationListener listener) {
        this.consortium = consortium;
        this.listener = listener;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        Attributes attributes = call.getAttributes();
        Optional<SocketAddress> remote = Optional.ofNullable(attributes.get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR));
        SSLSession session = attributes.get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
        if (session == null) {
            return refuse(call, remote, Status.UNAUTHENTICATED, "peer calls require mutual TLS");
        }
        X509Certificate leaf;
        try {
            Certificate[] chain = session.getPeerCertificates();
            if (chain.length == 0 || !(chain[0] instanceof X509Certificate x509)) {
                return refuse(call, remote, Status.UNAUTHENTICATED, "the client presented no X.509 certificate");
            }
            leaf = x509;
        } catch (SSLPeerUnverifiedException e) {
            return refuse(call, remote, Status.UNAUTHENTICATED, "the client presented no certificate");
        }
        Member known = admitted.get(leaf);
        if (known != null) {
            return Contexts.interceptCall(Context.current().withValue(PeerIdentity.MEMBER, known), call, headers, next);
        }
        Optional<Member> member = consortium.memberForTlsCertificate(leaf);
        if (member.isEmpty()) {
            return refuse(call, remote, Status.PERMISSION_DENIED, ConsortiumTrust.describe(leaf, "client")
                    + " is not listed in consortium file '" + consortium.name() + "' version "
                    + consortium.version());
        }
        String commonName = Certificates.commonName(leaf).orElse("(none)");
        if (!commonName.equals(member.get().id().value())) {
            return refuse(call, remote, Status.PERMISSION_DENIED, ConsortiumTrust.describe(leaf, "client")
                    + " is listed for institution " + member.get().id() + " but names another");
        }
        if (admitted.size() < MAX_ADMITTED) {
            admitted.put(leaf, member.get());
        }
        Context context = Context.current().withValue(PeerIdentity.MEMBER, member.get());
        return Contexts.interceptCall(context, call, headers, next);
    }

    private <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, Optional<SocketAddress> remote,
            Status status, String reason) {
        listener.peerRefused(remote, reason);
        call.close(status.withDescription(reason), new Metadata());
        return new ServerCall.Listener<>() {
        };
    }
}
