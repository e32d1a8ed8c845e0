package org.baton.ledger.chaincode;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.hyperledger.fabric.contract.ContractRouter;
import org.hyperledger.fabric.shim.NettyChaincodeServer;

/**
 * Starts the chaincode as a service the peer connects to. The shim (2.5) reads its configuration from the
 * environment: {@code CORE_CHAINCODE_ID_NAME} (the package id the peer knows the chaincode by) and
 * {@code CHAINCODE_SERVER_ADDRESS} ({@code host:port} to listen on); for TLS, {@code CORE_PEER_TLS_ENABLED=true} with
 * the server's PEM key and certificate files in {@code CORE_TLS_CLIENT_KEY_FILE} and {@code CORE_TLS_CLIENT_CERT_FILE}
 * (the shim also requires {@code CORE_TLS_CLIENT_KEY_PATH}, {@code CORE_TLS_CLIENT_CERT_PATH} and
 * {@code CORE_PEER_TLS_ROOTCERT_FILE} to be set).
 */
public final class ChaincodeMain {

    /**
     * The shim's router logs every invocation's arguments — whole transactions — at INFO; the chaincode logs no
     * record contents, so it keeps the router to warnings. Held here because java.util.logging holds loggers weakly,
     * and a collected logger forgets its level.
     */
    private static final Logger ROUTER_LOG = Logger.getLogger(ContractRouter.class.getName());

    private ChaincodeMain() {
    }

    public static void main(String[] args) throws Exception {
        // Reads and checks the environment; fails naming CORE_CHAINCODE_ID_NAME if it is missing.
        ContractRouter router = new ContractRouter(args);
        ROUTER_LOG.setLevel(Level.WARNING);
        if (!router.isServer()) {
            System.err.println("CHAINCODE_SERVER_ADDRESS is not set: the baton chaincode runs only as a service the"
                    + " peer connects to (chaincode-as-a-service), listening on that host:port");
            System.exit(2);
        }
        // Blocks until the server shuts down.
        router.startRouterWithChaincodeServer(new NettyChaincodeServer(router, router.getChaincodeServerConfig()));
    }
}
