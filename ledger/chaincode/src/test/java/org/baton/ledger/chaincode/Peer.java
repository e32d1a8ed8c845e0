package org.baton.ledger.chaincode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.baton.ledger.MspIds;
import org.baton.ledger.testing.LedgerFixtures;
import org.baton.trust.InstitutionId;
import org.hyperledger.fabric.contract.Context;

/**
 * Runs the contract's functions against an {@link InMemoryChannel} as an endorsing peer does: each call is one
 * proposal with its own Fabric transaction id and timestamp; a submitted transaction commits if the chaincode
 * endorses it (returns normally), and nothing of it does if the chaincode throws.
 */
final class Peer {

    /** The first proposal's timestamp: a Fabric timestamp has nanoseconds, which the ledger's times do not. */
    static final Instant FIRST_TIMESTAMP = LedgerFixtures.START.plusNanos(123_456_789);
    /** How far the clock moves between proposals unless told otherwise. */
    static final Duration STEP = Duration.ofSeconds(1);

    private static final Map<String, BiFunction<Context, String[], String>> QUERIES = Map.of(
            "Grant", (ctx, args) -> new BatonContract().grant(ctx, args[0]),
            "Receipt", (ctx, args) -> new BatonContract().receipt(ctx, args[0]),
            "Transaction", (ctx, args) -> new BatonContract().transaction(ctx, args[0]),
            "ReceiptsByGrant", (ctx, args) -> new BatonContract().receiptsByGrant(ctx, args[0]),
            "GrantsByInstitution",
            (ctx, args) -> new BatonContract().grantsByInstitution(ctx, args[0], args[1], args[2], args[3], args[4]),
            "ReceiptsByInstitution",
            (ctx, args) -> new BatonContract().receiptsByInstitution(ctx, args[0], args[1], args[2], args[3], args[4]));

    final InMemoryChannel channel = new InMemoryChannel();
    private Instant clock = FIRST_TIMESTAMP;
    private InMemoryStub last;

    /** The proposal most recently run. */
    InMemoryStub last() {
        return last;
    }

    /** The timestamp the next proposal gets. */
    Instant nextTimestamp() {
        return clock;
    }

    /** Moves the clock the next proposal reads. */
    void setClock(Instant timestamp) {
        clock = timestamp;
    }

    static String msp(InstitutionId institution) {
        return MspIds.of(institution);
    }

    /** Submits {@code transaction} as a client of {@code institution}; commits it if it is endorsed. */
    String submit(InstitutionId institution, byte[] transaction) {
        return submit(msp(institution), transaction);
    }

    /** Submits {@code transaction} as a client of MSP {@code mspId}; commits it if it is endorsed. */
    String submit(String mspId, byte[] transaction) {
        InMemoryStub stub = propose(mspId, "Submit", List.of(transaction));
        String result = new BatonContract().submit(new Context(stub), new String(transaction, StandardCharsets.UTF_8));
        channel.commit(stub);
        return result;
    }

    /**
     * Evaluates query {@code function}; an evaluation never commits. Checks that the query, answered or failed, wrote
     * nothing, set no event and closed every range it opened.
     */
    String evaluate(String function, String... arguments) {
        List<byte[]> args = new ArrayList<>();
        for (String argument : arguments) {
            args.add(argument.getBytes(StandardCharsets.UTF_8));
        }
        InMemoryStub stub = propose(msp(LedgerFixtures.UNIVERSITY), function, args);
        try {
            return QUERIES.get(function).apply(new Context(stub), arguments);
        } finally {
            if (!stub.writes().isEmpty() || stub.getEvent() != null || stub.openIterators() != 0) {
                throw new AssertionError("query " + function + " wrote " + stub.writes().keySet() + ", set event "
                        + stub.getEvent() + " and left " + stub.openIterators() + " ranges open");
            }
        }
    }

    private InMemoryStub propose(String mspId, String function, List<byte[]> arguments) {
        last = channel.propose(mspId, clock, function, arguments);
        clock = clock.plus(STEP);
        return last;
    }
}
