package org.baton.ledger.chaincode;

import java.util.Objects;
import java.util.function.Function;

/** Parses a query's arguments; a bad one fails the query with {@code MALFORMED_QUERY}. */
final class QueryArguments {

    private static final int SHOWN = 80;

    private QueryArguments() {
    }

    /**
     * {@code text} parsed by {@code parse}.
     *
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code MALFORMED_QUERY} if {@code parse} refuses it
     */
    static <T> T parsed(String name, String text, Function<String, T> parse) {
        Objects.requireNonNull(text, name);
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            // The parsers' messages name the kind of id and the bad value.
            throw Refusals.malformedQuery(e.getMessage());
        }
    }

    /** At most the first {@value #SHOWN} characters of an argument, for a message. */
    static String abbreviate(String text) {
        return text.length() <= SHOWN ? text : text.substring(0, SHOWN - 3) + "...";
    }
}
