/**
 * The exchange engine: peer-to-peer transfer of student records under consent or a recorded legal basis.
 *
 * <p><b>Consent.</b> The attesting node ({@link org.baton.node.exchange.ConsentService}) records a grant on the
 * ledger with a fresh salt in its subject commitment, keeps the opening (salt, SSID, name, birth date) encrypted in
 * its store, and tells the recipient and each named source the opening over mutual TLS ({@code NotifyGrant}); the
 * salt never reaches the ledger. Notifications that fail are queued and retried.
 *
 * <p><b>Transfer.</b> A recipient pulls ({@code RequestRecords}) or a source pushes ({@code DeliverRecords}). The
 * source checks the caller against the grant, matches the student by SSID, name and birth date (a mismatch is
 * refused and recorded as a data-quality finding), filters the record to the scopes, signs the package (Ed25519,
 * with its certificate), keeps it in its outbox, and writes the receipt to the ledger before it releases the
 * package: the ledger's check of the grant at that moment is what lets it go, so a revocation committed before
 * wins and a ledger that cannot answer keeps it in. The recipient verifies the package
 * ({@link org.baton.node.exchange.PackageVerifier}), stores it apart from its own records
 * ({@link org.baton.node.exchange.ReceivedRecords}), checks the receipt, and acknowledges it on the ledger — or
 * rejects it with a reason.
 *
 * <p><b>Exactly once.</b> Both sides keep every exchange in a durable outbox in the record store, a state machine
 * that only moves forward ({@link org.baton.node.exchange.ExchangeState}); request ids make a repeated pull return
 * the same package without a second receipt; receipts and acknowledgments whose outcome is unknown are retried
 * with the same ids and recognised when the ledger already holds them; every unfinished step resumes on restart;
 * the ledger and each peer are retried with backoff, visible in {@link org.baton.node.exchange.ExchangeStatus}.
 *
 * <p><b>Legal basis.</b> {@link org.baton.node.exchange.Exchanges#disclose} and the yearly Cal Grant GPA upload use
 * the same path without a grant; the receipt names the basis.
 *
 * <p><b>Discrepancy reports.</b> A recipient tells the source what looks wrong in a package it received
 * ({@code ReportDiscrepancy}) and later asks how it was answered ({@code GetDiscrepancyAnswer}); the source's
 * registrar sends the records again under the same grant or basis, or closes the report
 * ({@link org.baton.node.exchange.Exchanges#reportDiscrepancy}). What a package received later from the same source
 * carries replaces the same scopes of an earlier one ({@link org.baton.node.exchange.ReceivedRecords#currentForStudent}).
 *
 * <p>Composition: {@link org.baton.node.exchange.ExchangeModule}.
 */
package org.baton.node.exchange;
