package org.baton.ledger.fabric;

import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.baton.ledger.LedgerRejectedException;
import org.baton.ledger.RefusalReason;
import org.baton.ledger.TxId;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;

/**
 * Maps what the Gateway reports to the port's exceptions. The chaincode refuses a transaction with the message
 * {@code <REASON>: <detail>} (docs/fabric.md); each endorsing peer's message reaches the client in the exception's
 * details, wrapped in the peer's own words (e.g. {@code chaincode response 500, GRANT_NOT_FOUND: grant … is not on
 * the ledger}).
 */
final class FabricErrors {

    private static final Pattern REFUSAL = Pattern.compile("\\b([A-Z][A-Z_]+): ");
    private static final Pattern MALFORMED_QUERY = Pattern.compile("\\bMALFORMED_QUERY: (.*)", Pattern.DOTALL);

    private FabricErrors() {
    }

    /** The chaincode's refusal in {@code e}, if it carries one. */
    static Optional<LedgerRejectedException> refusal(GatewayException e, TxId txId) {
        for (String message : messages(e)) {
            Matcher matcher = REFUSAL.matcher(message);
            while (matcher.find()) {
                Optional<RefusalReason> reason = reason(matcher.group(1));
                if (reason.isPresent()) {
                    return Optional.of(new LedgerRejectedException(txId, reason.get(),
                            message.substring(matcher.end()).strip()));
                }
            }
        }
        return Optional.empty();
    }

    /** The chaincode's complaint about a query's arguments in {@code e}, if it carries one. */
    static Optional<String> malformedQuery(GatewayException e) {
        for (String message : messages(e)) {
            Matcher matcher = MALFORMED_QUERY.matcher(message);
            if (matcher.find()) {
                return Optional.of(matcher.group(1).strip());
            }
        }
        return Optional.empty();
    }

    /** True if the peer could not be reached or did not answer in time. */
    static boolean unreachable(GatewayException e) {
        Status.Code code = e.getStatus().getCode();
        return code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED;
    }

    private static List<String> messages(GatewayException e) {
        List<String> messages = new ArrayList<>();
        for (ErrorDetail detail : e.getDetails()) {
            messages.add(detail.getMessage());
        }
        if (e.getStatus().getDescription() != null) {
            messages.add(e.getStatus().getDescription());
        }
        return messages;
    }

    private static Optional<RefusalReason> reason(String name) {
        for (RefusalReason reason : RefusalReason.values()) {
            if (reason.name().equals(name)) {
                return Optional.of(reason);
            }
        }
        return Optional.empty();
    }
}
