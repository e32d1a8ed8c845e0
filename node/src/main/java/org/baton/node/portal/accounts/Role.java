package org.baton.node.portal.accounts;

/** What an account is for. Staff roles must use a second factor (TOTP). */
public enum Role {
    /** A student reading their own records; grants consent once eligible (18 or in postsecondary education). */
    STUDENT(false),
    /** A parent or guardian the institution linked to a minor student; holds the student's rights until eligibility. */
    GUARDIAN(false),
    /** A counselor with a caseload of students. */
    COUNSELOR(true),
    /** A registrar: imports, exchanges, the Cal Grant GPA upload. */
    REGISTRAR(true),
    /** An administrator of portal accounts: issues activation codes, links guardians, assigns caseloads. */
    ADMIN(true),
    /** An auditor: reads the ledger's grants and receipts, never records. */
    AUDITOR(true);

    private final boolean staff;

    Role(boolean staff) {
        this.staff = staff;
    }

    /** True for institution staff, who must sign in with a second factor. */
    public boolean isStaff() {
        return staff;
    }
}
