package org.baton.node.exchange;

import java.util.Objects;

/** A request is malformed or inconsistent; the message names the field and what is wrong (never a value that may be personal data). */
public sealed class InvalidExchangeRequestException extends ExchangeException permits TooManySourcesException {

    private static final long serialVersionUID = 1L;

    public InvalidExchangeRequestException(String problem) {
        super(Objects.requireNonNull(problem, "problem"), null);
    }

    public InvalidExchangeRequestException(String problem, Throwable cause) {
        super(Objects.requireNonNull(problem, "problem"), cause);
    }
}
