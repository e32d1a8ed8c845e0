/**
 * An auditor's check of the disclosures the ledger recorded: every receipt against its consent grant, overdue and
 * rejected acknowledgments, and what each institution sent and received ({@link org.baton.ledger.audit.LedgerAudit}).
 */
package org.baton.ledger.audit;
