package org.baton.node.portal.security;

/** Everything a portal page or form does, as the access policy decides it. */
public enum Action {
    /** Read a student's courses, awards, artifacts and received records. */
    VIEW_RECORDS(true),
    /** Read a student's a-g, GPA, financial-aid and transfer progress. */
    VIEW_READINESS(true),
    /** Try courses in the what-if planner. */
    PLAN_WHAT_IF(true),
    /** Read who received the student's records (34 CFR 99.32). */
    VIEW_ACCESS_LOG(true),
    /** Ask for a copy of what was disclosed (34 CFR 99.30(c)). */
    REQUEST_DISCLOSURE_COPY(true),
    /** Grant consent to disclose records. */
    GRANT_CONSENT(true),
    /** Revoke a consent grant. */
    REVOKE_CONSENT(true),
    /** The counselor's caseload dashboard. */
    VIEW_CASELOAD(false),
    /** The caseload as CSV. */
    EXPORT_CASELOAD(false),
    /** Import runs and their reports. */
    VIEW_IMPORTS(false),
    /** Outbound and inbound exchanges. */
    VIEW_EXCHANGES(false),
    /** The data-quality work queue: the rules' findings and the identity mismatches the exchange found. */
    VIEW_DATA_QUALITY(false),
    /**
     * Work the data-quality queue: dismiss a finding as not an error or open it again; report a discrepancy in a
     * received package to its source; answer a reported one (send the records again, or close it).
     */
    RESOLVE_DATA_QUALITY(false),
    /** The Cal Grant GPA upload and its opt-outs. */
    CAL_GRANT_UPLOAD(false),
    /** Issue accounts, link guardians, assign caseloads. */
    MANAGE_ACCOUNTS(false),
    /** Read the ledger's grants and receipts (never records). */
    AUDIT_LEDGER(false),
    /** Change one's own password, second factor, sessions. */
    MANAGE_OWN_ACCOUNT(false);

    private final boolean aboutStudent;

    Action(boolean aboutStudent) {
        this.aboutStudent = aboutStudent;
    }

    /** True when the action concerns one student and needs {@link StudentFacts}. */
    public boolean aboutStudent() {
        return aboutStudent;
    }
}
