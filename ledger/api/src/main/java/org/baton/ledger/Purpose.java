package org.baton.ledger;

/** Why records are disclosed under a grant (FERPA 34 CFR 99.30(b)(2)); mirrors {@code baton.v1.Purpose}. */
public enum Purpose {
    ADMISSION,
    FINANCIAL_AID,
    TRANSFER,
    SUPPORT_SERVICES,
    ENROLLMENT,
    COUNSELING
}
