package org.baton.ledger.chaincode;

import java.nio.charset.StandardCharsets;
import org.baton.ledger.RefusalReason;
import org.baton.ledger.rules.Decision;
import org.hyperledger.fabric.shim.ChaincodeException;

/**
 * The errors the chaincode answers with: message {@code <CODE>: <detail>}, payload the code's name in UTF-8. The
 * shim turns them into an error response (status 500) with that message and payload; nothing the function wrote
 * is kept.
 */
final class Refusals {

    /** The code of a malformed query argument; not a {@link RefusalReason}, as no transaction is refused. */
    static final String MALFORMED_QUERY = "MALFORMED_QUERY";

    private Refusals() {
    }

    static ChaincodeException refusal(RefusalReason reason, String detail) {
        return error(reason.name(), detail);
    }

    static ChaincodeException refusal(Decision.Refused refused) {
        return refusal(refused.reason(), refused.detail());
    }

    static ChaincodeException malformedQuery(String what) {
        return error(MALFORMED_QUERY, what);
    }

    private static ChaincodeException error(String code, String detail) {
        return new ChaincodeException(code + ": " + detail, code.getBytes(StandardCharsets.UTF_8));
    }
}
