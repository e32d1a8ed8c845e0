/**
 * {@code baton audit}: an auditor's check of the disclosures the ledger recorded
 * ({@link org.baton.tools.audit.AuditCommand}, {@link org.baton.tools.audit.LedgerAudit}).
 */
package org.baton.tools.audit;
