package org.baton.ledger;

import java.util.List;
import java.util.Objects;

/**
 * Events read from the stream, in sequence order.
 *
 * @param events the events after the requested checkpoint (possibly none)
 * @param next the checkpoint to read from next: the last event's; if there were none, the requested one, or a later
 *     one when the backend passed over transactions that are not events (a Fabric channel's other blocks)
 */
public record EventPage(List<LedgerEvent> events, EventCheckpoint next) {

    public EventPage {
        events = List.copyOf(Objects.requireNonNull(events, "events"));
        Objects.requireNonNull(next, "next");
    }
}
