package org.baton.trust;

import io.grpc.Context;

/**
 * The consortium member on the other end of the current gRPC call, as established by mutual TLS and the
 * interceptor from {@link MutualTls#authenticator(Consortium, PeerAuthenticationListener)}.
 */
public final class PeerIdentity {

    static final Context.Key<Member> MEMBER = Context.key("baton-peer-member");

    private PeerIdentity() {
    }

    /**
     * The caller's institution id.
     *
     * @throws IllegalStateException outside a call that passed the peer authenticator
     */
    public static InstitutionId current() {
        return currentMember().id();
    }

    /**
     * The caller's consortium entry.
     *
     * @throws IllegalStateException outside a call that passed the peer authenticator
     */
    public static Member currentMember() {
        Member member = MEMBER.get();
        if (member == null) {
            throw new IllegalStateException("no authenticated peer in this gRPC context: the service must be "
                    + "registered on a server intercepted by MutualTls.authenticator");
        }
        return member;
    }
}
