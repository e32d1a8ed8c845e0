/**
 * The {@code baton} chaincode: the ledger's rules ({@link org.baton.ledger.rules.LedgerRules}) run by every
 * endorsing peer of a Hyperledger Fabric channel, as a chaincode-as-a-service the peer connects to. Its functions,
 * world-state keys and documents are described in {@code docs/fabric.md}; {@link
 * org.baton.ledger.chaincode.BatonContract} is the entry point, and {@link org.baton.ledger.chaincode.ChaincodeMain}
 * starts the service.
 */
package org.baton.ledger.chaincode;
