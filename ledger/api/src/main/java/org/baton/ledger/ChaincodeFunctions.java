package org.baton.ledger;

/**
 * The functions of the ledger's Fabric chaincode, named once for the chaincode and its clients (docs/fabric.md,
 * "The chaincode's interface").
 */
public final class ChaincodeFunctions {

    /** The chaincode's usual name. */
    public static final String CHAINCODE = "baton";
    /** The one write: a transaction's canonical bytes. */
    public static final String SUBMIT = "Submit";
    /** A grant document by grant id. */
    public static final String GRANT = "Grant";
    /** A receipt document by receipt id. */
    public static final String RECEIPT = "Receipt";
    /** A transaction document by Baton transaction id. */
    public static final String TRANSACTION = "Transaction";
    /** Every receipt under a grant. */
    public static final String RECEIPTS_BY_GRANT = "ReceiptsByGrant";
    /** A page of an institution's grants in a time range. */
    public static final String GRANTS_BY_INSTITUTION = "GrantsByInstitution";
    /** A page of an institution's receipts in a time range. */
    public static final String RECEIPTS_BY_INSTITUTION = "ReceiptsByInstitution";

    private ChaincodeFunctions() {
    }
}
