package org.baton.ledger.embedded;

import java.util.Objects;
import org.baton.ledger.Sha256;

/**
 * The last block of the chain.
 *
 * @param number its number (the chain holds {@code number + 1} blocks)
 * @param hash its hash
 * @param lastSequence the sequence of its last transaction
 * @param timeMillis its transaction time
 */
public record ChainHead(long number, Sha256 hash, long lastSequence, long timeMillis) {

    public ChainHead {
        Objects.requireNonNull(hash, "hash");
    }
}
