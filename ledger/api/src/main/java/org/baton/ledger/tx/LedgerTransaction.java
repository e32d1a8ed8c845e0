package org.baton.ledger.tx;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Objects;
import org.baton.trust.InstitutionId;

/**
 * A transaction as its submitter signs it.
 *
 * @param version the transaction format version ({@link #VERSION})
 * @param submitter the institution that signs and submits it
 * @param nonce 128 random bits in lowercase hex, so two otherwise equal transactions have different ids
 * @param createdAt when the submitter built it (millisecond precision; informational — the rules use the
 *     ledger's transaction time)
 * @param body the operation
 */
public record LedgerTransaction(int version, InstitutionId submitter, String nonce, Instant createdAt, TxBody body) {

    /** The format version this code writes and reads. */
    public static final int VERSION = 1;

    private static final SecureRandom RANDOM = new SecureRandom();

    public LedgerTransaction {
        if (version != VERSION) {
            throw new IllegalArgumentException("transaction version " + version + " is not " + VERSION);
        }
        Objects.requireNonNull(submitter, "submitter");
        Objects.requireNonNull(nonce, "nonce");
        if (!lowerHex32(nonce)) {
            throw new IllegalArgumentException("transaction nonce is not 32 lowercase hex digits");
        }
        createdAt = Objects.requireNonNull(createdAt, "createdAt").truncatedTo(ChronoUnit.MILLIS);
        Objects.requireNonNull(body, "body");
    }

    private static boolean lowerHex32(String value) {
        if (value.length() != 32) {
            return false;
        }
        for (int i = 0; i < 32; i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /** A new transaction with a fresh random nonce. */
    public static LedgerTransaction create(InstitutionId submitter, TxBody body, Instant createdAt) {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        return new LedgerTransaction(VERSION, submitter, HexFormat.of().formatHex(nonce), createdAt, body);
    }
}
