/**
 * The ledger's rules, written once and run by every backend: who may grant, revoke, record and acknowledge,
 * and what a valid grant and receipt are. {@link org.baton.ledger.rules.LedgerRules#decide} is a pure function
 * of the current state, the transaction and its commit stamp, so every backend — and a rebuild from the chain —
 * reaches the same decision.
 */
package org.baton.ledger.rules;
