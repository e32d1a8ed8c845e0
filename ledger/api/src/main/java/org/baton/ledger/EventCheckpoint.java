package org.baton.ledger;

/**
 * A position in the event stream: reading resumes with the first event after it.
 *
 * @param sequence the sequence of the last event processed; 0 before the first
 */
public record EventCheckpoint(long sequence) {

    /** Before the first event. */
    public static final EventCheckpoint START = new EventCheckpoint(0);

    public EventCheckpoint {
        if (sequence < 0) {
            throw new IllegalArgumentException("event checkpoint " + sequence + " is negative");
        }
    }

    public static EventCheckpoint after(long sequence) {
        return new EventCheckpoint(sequence);
    }
}
