package org.baton.ledger.tx;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;
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

    private static final Pattern NONCE = Pattern.compile("[0-9a-f]{32}");
    private static final SecureRandom RANDOM = new SecureRandom();

    public LedgerTransaction {
        if (version != VERSION) {
            throw new IllegalArgumentException("transaction version " + version + " is not " + VERSION);
        }
        Objects.requireNonNull(submitter, "submitter");
        Objects.requireNonNull(nonce, "nonce");
        if (!NONCE.matcher(nonce).matches()) {
            throw new IllegalArgumentException("transaction nonce is not 32 lowercase hex digits");
        }
        createdAt = Objects.requireNonNull(createdAt, "createdAt").truncatedTo(ChronoUnit.MILLIS);
        Objects.requireNonNull(body, "body");
    }

    /** A new transaction with a fresh random nonce. */
    public static LedgerTransaction create(InstitutionId submitter, TxBody body, Instant createdAt) {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        return new LedgerTransaction(VERSION, submitter, HexFormat.of().formatHex(nonce), createdAt, body);
    }
}
