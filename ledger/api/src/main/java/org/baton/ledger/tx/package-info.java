/**
 * Ledger transactions: what an institution signs and submits. A transaction is a canonical JSON document
 * ({@link org.baton.ledger.tx.TransactionCodec}); its id is the SHA-256 of those exact bytes, and its
 * signature covers them, so a transaction can be stored, forwarded and verified byte for byte.
 */
package org.baton.ledger.tx;
