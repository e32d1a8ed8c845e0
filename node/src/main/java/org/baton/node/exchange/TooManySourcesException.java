package org.baton.node.exchange;

/**
 * A grant from every institution attended would reach more consortium members than a notification may name: the
 * student names the sources instead. Carries the two counts, so a page can say so rather than "none".
 */
public final class TooManySourcesException extends InvalidExchangeRequestException {

    private static final long serialVersionUID = 1L;

    private final int attended;
    private final int limit;

    public TooManySourcesException(String student, int attended, int limit) {
        super("student " + student + " attended " + attended + " consortium members, more than the " + limit
                + " a grant from every institution attended reaches; name the sources");
        this.attended = attended;
        this.limit = limit;
    }

    /** How many consortium members the node's records say the student attended, the recipient left out. */
    public int attended() {
        return attended;
    }

    /** The most a grant from every institution attended reaches. */
    public int limit() {
        return limit;
    }
}
