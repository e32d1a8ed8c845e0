package org.baton.ledger.chaincode;

import java.nio.charset.StandardCharsets;
import org.baton.ledger.ChaincodeFunctions;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Default;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.hyperledger.fabric.shim.ChaincodeException;

/**
 * The {@code baton} chaincode's functions (docs/fabric.md). Every argument and result is UTF-8 text; a refusal is a
 * {@link ChaincodeException} with message {@code <REASON>: <detail>} and the reason's name as payload, a malformed
 * query argument one with message {@code MALFORMED_QUERY: <what>}.
 */
@Contract(name = ChaincodeFunctions.CHAINCODE, info = @Info(title = "Baton ledger", version = "1",
        description = "Consent grants and exchange receipts under the rules of org.baton.ledger.rules.LedgerRules"))
@Default
public final class BatonContract implements ContractInterface {

    /** Index of {@code Submit}'s transaction among the invocation's arguments, after the function name. */
    private static final int TRANSACTION_ARGUMENT = 1;

    /**
     * Decides a Baton transaction and, if the rules accept it, writes it.
     *
     * @param transaction the canonical bytes of a {@code LedgerTransaction}
     * @return the transaction document {@code {"committedAt":…,"fabricTx":"…","txId":"…"}}
     */
    @Transaction(name = ChaincodeFunctions.SUBMIT, intent = Transaction.TYPE.SUBMIT)
    public String submit(Context ctx, String transaction) {
        // A transaction's id is the hash of the bytes the client sent, so the rules read the argument itself, not
        // the shim's decoding of it (which would replace malformed UTF-8).
        byte[] sent = ctx.getStub().getArgs().get(TRANSACTION_ARGUMENT);
        return text(new Submission(ctx.getStub()).submit(ctx.getClientIdentity().getMSPID(), sent));
    }

    /** The grant document, or the empty string. */
    @Transaction(name = ChaincodeFunctions.GRANT, intent = Transaction.TYPE.EVALUATE)
    public String grant(Context ctx, String grantId) {
        return text(new Queries(ctx.getStub()).grant(grantId));
    }

    /** The receipt document, or the empty string. */
    @Transaction(name = ChaincodeFunctions.RECEIPT, intent = Transaction.TYPE.EVALUATE)
    public String receipt(Context ctx, String receiptId) {
        return text(new Queries(ctx.getStub()).receipt(receiptId));
    }

    /** The transaction document, or the empty string. */
    @Transaction(name = ChaincodeFunctions.TRANSACTION, intent = Transaction.TYPE.EVALUATE)
    public String transaction(Context ctx, String txId) {
        return text(new Queries(ctx.getStub()).transaction(txId));
    }

    /** {@code {"items":[<receipt document>,…]}}: the receipts under the grant, in transaction-time order. */
    @Transaction(name = ChaincodeFunctions.RECEIPTS_BY_GRANT, intent = Transaction.TYPE.EVALUATE)
    public String receiptsByGrant(Context ctx, String grantId) {
        return text(new Queries(ctx.getStub()).receiptsByGrant(grantId));
    }

    /**
     * A page of the grant documents the institution attests, receives or is a named source of, created in
     * {@code [from, until)}.
     *
     * @param from epoch milliseconds
     * @param until epoch milliseconds, after {@code from}
     * @param pageSize 1 to 1000
     * @param pageToken the previous page's {@code next}, or empty for the first page
     */
    @Transaction(name = ChaincodeFunctions.GRANTS_BY_INSTITUTION, intent = Transaction.TYPE.EVALUATE)
    public String grantsByInstitution(Context ctx, String institution, String from, String until, String pageSize,
            String pageToken) {
        return text(new Queries(ctx.getStub()).grantsByInstitution(institution, from, until, pageSize, pageToken));
    }

    /** As {@link #grantsByInstitution}, of the receipt documents the institution sent or received. */
    @Transaction(name = ChaincodeFunctions.RECEIPTS_BY_INSTITUTION, intent = Transaction.TYPE.EVALUATE)
    public String receiptsByInstitution(Context ctx, String institution, String from, String until, String pageSize,
            String pageToken) {
        return text(new Queries(ctx.getStub()).receiptsByInstitution(institution, from, until, pageSize, pageToken));
    }

    private static String text(byte[] utf8) {
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
