package org.baton.tools.soak;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.baton.ledger.GrantRecord;
import org.baton.ledger.LedgerReader;
import org.baton.ledger.Page;
import org.baton.ledger.PageRequest;
import org.baton.ledger.PageToken;
import org.baton.ledger.ReceiptRecord;
import org.baton.ledger.TimeRange;
import org.baton.ledger.embedded.RemoteLedger;
import org.baton.proto.v1.ExchangeStatus;
import org.baton.proto.v1.GetStatusResponse;
import org.baton.tools.soak.SoakCluster.Party;

/**
 * The district's grants and the receipts under them, read from the ledger.
 *
 * @param grants grants the district attested
 * @param receipts every receipt under those grants
 */
record LedgerView(List<GrantRecord> grants, List<ReceiptRecord> receipts) {

    static LedgerView read(LedgerReader reader) {
        List<GrantRecord> grants = new ArrayList<>();
        Optional<PageToken> next = Optional.empty();
        do {
            Page<GrantRecord> page = reader.grantsByInstitution(Party.DISTRICT.id, TimeRange.all(),
                    next.map(token -> PageRequest.after(token, 500)).orElse(PageRequest.first(500)));
            page.items().stream().filter(g -> g.grant().attester().equals(Party.DISTRICT.id)).forEach(grants::add);
            next = page.next();
        } while (next.isPresent());
        List<ReceiptRecord> receipts = new ArrayList<>();
        for (GrantRecord grant : grants) {
            receipts.addAll(reader.receiptsByGrant(grant.grant().id()));
        }
        return new LedgerView(grants, receipts);
    }

    /** Waits until no node has unfinished work and every grant has its two acknowledged receipts. */
    static LedgerView awaitSettled(SoakCluster cluster, Duration guard) throws InterruptedException {
        Instant deadline = Instant.now().plus(guard);
        String why = "";
        try (RemoteLedger client = cluster.ledgerClient()) {
            while (Instant.now().isBefore(deadline)) {
                Optional<String> busy = busyNode(cluster);
                if (busy.isEmpty()) {
                    LedgerView view = read(client.reader());
                    long acknowledged = view.receipts().stream().filter(r -> r.acknowledged().isPresent()).count();
                    if (acknowledged == view.receipts().size() && view.receipts().size() == 2L * view.grants().size()) {
                        return view;
                    }
                    why = view.grants().size() + " grants, " + view.receipts().size() + " receipts, " + acknowledged
                            + " acknowledged";
                } else {
                    why = busy.get();
                }
                Thread.sleep(500);
            }
        }
        throw new AssertionError("the exchange did not settle within " + guard + ": " + why
                + "\n-- university:\n" + cluster.tail(Party.UNIVERSITY) + "\n-- college:\n" + cluster.tail(Party.COLLEGE)
                + "\n-- district:\n" + cluster.tail(Party.DISTRICT));
    }

    /** The first node with unfinished or queued work, described. */
    static Optional<String> busyNode(SoakCluster cluster) {
        for (Party node : SoakCluster.nodes()) {
            Optional<GetStatusResponse> status = cluster.status(node);
            if (status.isEmpty()) {
                return Optional.of(node + " does not answer");
            }
            ExchangeStatus exchange = status.get().getExchange();
            long unfinished = exchange.getUnfinishedByStateMap().values().stream().mapToLong(Long::longValue).sum();
            long queued = exchange.getQueuedReceipts() + exchange.getQueuedAcknowledgments()
                    + exchange.getQueuedNotifications() + exchange.getQueuedGrants();
            if (unfinished > 0 || queued > 0) {
                return Optional.of(node + " has " + unfinished + " unfinished exchanges and " + queued + " queued");
            }
        }
        return Optional.empty();
    }
}
