package org.baton.node.store;

/**
 * A student record was refused before anything was written: it lacks a natural key (SSID or local id) or a
 * field the indexes need is malformed. The message names the field, never its value. A transaction that
 * refused a record this way is unchanged and can go on.
 */
public final class InvalidStudentRecordException extends StoreException {

    private static final long serialVersionUID = 1L;

    private final String reason;

    public InvalidStudentRecordException(String reason) {
        super("invalid student record: " + reason);
        this.reason = reason;
    }

    /** What is wrong, without the "invalid student record" prefix. */
    public String reason() {
        return reason;
    }
}
