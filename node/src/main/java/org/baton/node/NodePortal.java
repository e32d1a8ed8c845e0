package org.baton.node;

import java.time.Clock;
import java.util.Comparator;
import org.baton.node.config.NodeConfig;
import org.baton.node.portal.PortalBackends;
import org.baton.node.portal.PortalConfig;
import org.baton.node.portal.PortalServer;
import org.baton.node.portal.PortalTls;
import org.baton.node.portal.accounts.AccountStore;
import org.baton.node.portal.consent.ConsentDesk;
import org.baton.node.portal.consent.Institution;
import org.baton.node.portal.registrar.RegistrarDesk;
import org.baton.node.portal.session.SessionStore;
import org.baton.node.portal.student.ReadinessSource;
import org.baton.node.portal.student.StudentDirectory;
import org.baton.node.readiness.AgCourseLists;
import org.baton.node.readiness.ReadinessEngine;
import org.baton.node.readiness.rules.RuleBook;
import org.baton.node.store.RecordStore;
import org.baton.trust.Member;

/**
 * Builds the node's portal: HTTPS with the node's own TLS key and certificate; accounts, sessions and students from
 * the node's record store; progress from the readiness engine with the shipped rule book. Consent is not connected
 * to the ledger and the exchange yet ({@link ConsentDesk#notConnected}: the consortium's institutions, no grants,
 * granting refused), and the registrar's desk is empty until the importer and the exchange report to it.
 */
final class NodePortal {

    private NodePortal() {
    }

    static PortalServer create(NodeConfig.Portal portal, NodeConfig config, NodeTrust trust, RecordStore store,
            Clock clock) {
        StudentDirectory students = StudentDirectory.inRecordStore(store);
        ReadinessSource readiness = ReadinessSource.fromEngine(ReadinessEngine.create(RuleBook.loadDefault()),
                students, AgCourseLists.none(), clock);
        ConsentDesk consent = ConsentDesk.notConnected(trust.consortium().members().stream()
                .sorted(Comparator.comparing(Member::displayName))
                .map(member -> new Institution(member.id(), member.displayName()))
                .toList());
        PortalBackends backends = new PortalBackends(AccountStore.inRecordStore(store),
                SessionStore.inRecordStore(store), students, readiness, consent, RegistrarDesk.empty());
        return new PortalServer(PortalConfig.defaults(portal.host(), portal.port(), config.institution().name()),
                PortalTls.from(trust.credentials()), backends, clock);
    }
}
