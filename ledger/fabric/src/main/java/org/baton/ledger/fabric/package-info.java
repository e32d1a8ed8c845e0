/**
 * The {@link org.baton.ledger.Ledger} port on Hyperledger Fabric: writes are endorsed by the {@code baton} chaincode
 * (which runs the same {@link org.baton.ledger.rules.LedgerRules}) and committed through a peer's Gateway service;
 * reads are evaluated; events are read from the channel's blocks. See {@code docs/fabric.md}.
 */
package org.baton.ledger.fabric;
