/**
 * The embedded ledger: the default {@link org.baton.ledger.Ledger} backend on one machine.
 *
 * <p>An append-only chain of blocks in RocksDB. Each transaction is signed by its submitting institution's
 * Ed25519 key (checked against the consortium file); transactions are grouped into blocks — many concurrent
 * submitters share one fsync, and the next block is judged while the previous one is written — and each block carries the previous block's hash and the
 * operator's signature. Grants, receipts, events and indexes are derived from the chain and can be rebuilt from
 * it. {@link org.baton.ledger.embedded.EmbeddedLedgerServer} serves the ledger over mutual-TLS gRPC
 * ({@code baton.v1.LedgerService}) so the nodes on a machine share it; they reach it through
 * {@link org.baton.ledger.embedded.RemoteLedger}, which gathers the transactions its threads submit at the same
 * time into one {@code SubmitTransactions} call ({@link org.baton.ledger.embedded.SubmitBatching}) and gives each
 * caller its own outcome. {@link org.baton.ledger.embedded.ChainVerifier} re-checks a chain offline.
 */
package org.baton.ledger.embedded;
