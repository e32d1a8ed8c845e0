/**
 * The ledger port: the shared, permissioned record of consent grants and exchange receipts.
 *
 * <p>The ledger holds pseudonymous facts only — ids, institution ids, hashes, scopes and times — never a
 * student identifier, name, grade or date of birth. A grant names its student through a
 * {@link org.baton.ledger.SubjectCommitment}, whose opening travels peer to peer.
 *
 * <p>{@link org.baton.ledger.Ledger} is the facade a node holds: {@link org.baton.ledger.LedgerWriter} submits
 * transactions signed as the node's institution, {@link org.baton.ledger.LedgerReader} evaluates queries and
 * never writes. Every backend enforces the same rules ({@link org.baton.ledger.rules.LedgerRules}) and stores
 * the same canonical JSON ({@link org.baton.ledger.json}).
 *
 * <p>Times are kept to the millisecond (UTC); a value with a finer fraction is truncated on construction.
 */
package org.baton.ledger;
