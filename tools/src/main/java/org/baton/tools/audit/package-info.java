/**
 * {@code baton audit}: an auditor's check of the disclosures the ledger recorded
 * ({@link org.baton.tools.audit.AuditCommand}, over {@link org.baton.ledger.audit.LedgerAudit}).
 */
package org.baton.tools.audit;
