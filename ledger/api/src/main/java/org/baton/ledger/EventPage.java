package org.baton.ledger;

import java.util.List;
import java.util.Objects;

/**
 * Events read from the stream, in sequence order.
 *
 * @param events the events after the requested checkpoint (possibly none)
 * @param next the checkpoint to read from next: the last event's, or the requested one if there were none
 */
public record EventPage(List<LedgerEvent> events, EventCheckpoint next) {

    public EventPage {
        events = List.copyOf(Objects.requireNonNull(events, "events"));
        Objects.requireNonNull(next, "next");
    }
}
