/**
 * Identity and trust for a Baton consortium: the consortium CA, institution certificates (ECDSA P-256 for
 * mutual TLS, Ed25519 for signing packages and ledger transactions), the signed consortium file that lists
 * members, and the mapping of a TLS peer to the institution it is.
 */
package org.baton.trust;
