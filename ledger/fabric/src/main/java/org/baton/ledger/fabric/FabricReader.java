package org.baton.ledger.fabric;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.baton.ledger.ChaincodeFunctions;
import org.baton.ledger.Committed;
import org.baton.ledger.EventCheckpoint;
import org.baton.ledger.EventPage;
import org.baton.ledger.GrantId;
import org.baton.ledger.GrantRecord;
import org.baton.ledger.LedgerReader;
import org.baton.ledger.LedgerUnavailableException;
import org.baton.ledger.Page;
import org.baton.ledger.PageRequest;
import org.baton.ledger.PageToken;
import org.baton.ledger.ReceiptId;
import org.baton.ledger.ReceiptRecord;
import org.baton.ledger.TimeRange;
import org.baton.ledger.TxId;
import org.baton.trust.InstitutionId;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.GatewayException;

/** Reads by evaluating the chaincode's queries on the Gateway peer; events come from the channel's blocks. */
final class FabricReader implements LedgerReader {

    private final Contract contract;
    private final ChaincodeDocuments documents;
    private final ChannelBlocks blocks;
    private final CatchUp catchUp;

    FabricReader(Contract contract, ChaincodeDocuments documents, ChannelBlocks blocks, CatchUp catchUp) {
        this.contract = Objects.requireNonNull(contract, "contract");
        this.documents = Objects.requireNonNull(documents, "documents");
        this.blocks = Objects.requireNonNull(blocks, "blocks");
        this.catchUp = Objects.requireNonNull(catchUp, "catchUp");
    }

    /** Asked again for a while if absent: another institution's peer may have committed it first ({@link CatchUp}). */
    @Override
    public Optional<GrantRecord> grant(GrantId id) {
        return catchUp.read(() -> documents.grant(evaluate(ChaincodeFunctions.GRANT, id.value())));
    }

    /** Asked again for a while if absent, as {@link #grant}. */
    @Override
    public Optional<ReceiptRecord> receipt(ReceiptId id) {
        return catchUp.read(() -> documents.receipt(evaluate(ChaincodeFunctions.RECEIPT, id.value())));
    }

    /** Asked again for a while if absent, as {@link #grant}. */
    @Override
    public Optional<Committed> transaction(TxId id) {
        return catchUp.read(() -> documents.transaction(evaluate(ChaincodeFunctions.TRANSACTION, id.value())));
    }

    @Override
    public List<ReceiptRecord> receiptsByGrant(GrantId grant) {
        return documents.receipts(evaluate(ChaincodeFunctions.RECEIPTS_BY_GRANT, grant.value()));
    }

    @Override
    public Page<GrantRecord> grantsByInstitution(InstitutionId institution, TimeRange range, PageRequest page) {
        return documents.grantPage(evaluate(ChaincodeFunctions.GRANTS_BY_INSTITUTION,
                pageArguments(institution, range, page)));
    }

    @Override
    public Page<ReceiptRecord> receiptsByInstitution(InstitutionId institution, TimeRange range, PageRequest page) {
        return documents.receiptPage(evaluate(ChaincodeFunctions.RECEIPTS_BY_INSTITUTION,
                pageArguments(institution, range, page)));
    }

    @Override
    public EventPage events(EventCheckpoint after, int max) {
        Objects.requireNonNull(after, "after");
        if (max < 1 || max > PageRequest.MAX_SIZE) {
            throw new IllegalArgumentException("event page size " + max + " is outside 1.." + PageRequest.MAX_SIZE);
        }
        return blocks.events(after, max);
    }

    private static String[] pageArguments(InstitutionId institution, TimeRange range, PageRequest page) {
        return new String[] {
            institution.value(),
            Long.toString(range.from().toEpochMilli()),
            Long.toString(range.until().toEpochMilli()),
            Integer.toString(page.size()),
            page.after().map(PageToken::value).orElse("")
        };
    }

    private byte[] evaluate(String function, String... arguments) {
        try {
            return contract.evaluateTransaction(function, arguments);
        } catch (GatewayException e) {
            Optional<String> malformed = FabricErrors.malformedQuery(e);
            if (malformed.isPresent()) {
                throw new IllegalArgumentException("the ledger refused the query " + function + ": "
                        + malformed.get(), e);
            }
            throw new LedgerUnavailableException(function, Optional.empty(), e);
        }
    }
}
