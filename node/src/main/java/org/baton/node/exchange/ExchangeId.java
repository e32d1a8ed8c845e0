package org.baton.node.exchange;

/**
 * Identifies one exchange in a node's outbox: a random 128-bit value in lowercase hex, chosen by the node. For a
 * pull it is also the request id the recipient sends, so a retried request is recognised by the source.
 *
 * @param value 32 lowercase hex digits
 */
public record ExchangeId(String value) implements Comparable<ExchangeId> {

    public ExchangeId {
        Hex128.require(value, "exchange id");
    }

    public static ExchangeId of(String value) {
        return new ExchangeId(value);
    }

    /** A fresh exchange id from a {@link java.security.SecureRandom}. */
    public static ExchangeId random() {
        return new ExchangeId(Hex128.random());
    }

    @Override
    public int compareTo(ExchangeId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
