/**
 * Identity and trust for a Baton consortium.
 *
 * <ul>
 *   <li>{@link org.baton.trust.InstitutionId} and {@link org.baton.trust.InstitutionKind}: who a member is.</li>
 *   <li>{@link org.baton.trust.SigningKey} / {@link org.baton.trust.VerifyingKey}: Ed25519 through BouncyCastle's
 *       lightweight API, for signing record packages and ledger transactions.</li>
 *   <li>{@link org.baton.trust.ConsortiumCa}: the consortium CA ({@code baton pki}); it issues each institution's
 *       {@link org.baton.trust.InstitutionCredentials} (an ECDSA P-256 TLS certificate and an Ed25519 signing
 *       certificate) and signs the consortium file.</li>
 *   <li>{@link org.baton.trust.Consortium}: the signed member list, loaded and verified against the CA
 *       certificate; {@link org.baton.trust.Member} is one entry.</li>
 *   <li>{@link org.baton.trust.MutualTls} and {@link org.baton.trust.PeerIdentity}: gRPC mutual TLS between
 *       nodes, mapping each peer certificate to a consortium member and refusing everyone else.</li>
 * </ul>
 */
package org.baton.trust;
