package org.baton.node;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.baton.node.config.NodeConfig;
import org.baton.node.portal.PortalBackends;
import org.baton.node.portal.PortalConfig;
import org.baton.node.portal.PortalServer;
import org.baton.node.portal.PortalTls;
import org.baton.node.portal.accounts.AccountId;
import org.baton.node.portal.accounts.AccountStore;
import org.baton.node.portal.consent.ConsentDesk;
import org.baton.node.portal.consent.Disclosure;
import org.baton.node.portal.consent.GrantRequest;
import org.baton.node.portal.consent.GrantView;
import org.baton.node.portal.consent.Institution;
import org.baton.node.portal.registrar.RegistrarDesk;
import org.baton.node.portal.session.SessionStore;
import org.baton.node.portal.student.PlannedCourse;
import org.baton.node.portal.student.ReadinessReport;
import org.baton.node.portal.student.ReadinessSource;
import org.baton.node.portal.student.StudentDirectory;
import org.baton.node.store.RecordStore;
import org.baton.node.student.StudentId;
import org.baton.trust.Consortium;
import org.baton.trust.Member;

/**
 * Builds the node's portal: accounts, sessions and students from the node's record store, HTTPS with the node's own
 * TLS key and certificate. Readiness, consent and the registrar's import/exchange views come from subsystems that
 * are wired in here as they join the node; until then their pages fail with {@link BackendNotInBuildException}
 * instead of showing anything made up. The consortium's member list is real and shown as it is.
 */
final class NodePortal {

    private NodePortal() {
    }

    static PortalServer create(NodeConfig.Portal portal, NodeConfig config, NodeTrust trust, RecordStore store,
            Clock clock) {
        PortalTls tls = new PortalTls(trust.credentials().tlsPrivateKey(),
                List.of(trust.credentials().tlsCertificate(), trust.credentials().caCertificate()));
        PortalBackends backends = new PortalBackends(AccountStore.inRecordStore(store),
                SessionStore.inRecordStore(store), StudentDirectory.inRecordStore(store), new NoReadiness(),
                new ConsentWithoutExchange(trust.consortium()), new NoRegistrarDesk());
        return new PortalServer(PortalConfig.defaults(portal.host(), portal.port(), config.institution().name()), tls,
                backends, clock);
    }

    private static final class NoReadiness implements ReadinessSource {
        @Override
        public Optional<ReadinessReport> report(StudentId student) {
            throw new BackendNotInBuildException("progress toward college", "the readiness engine wired to the "
                    + "record store");
        }

        @Override
        public Optional<ReadinessReport> whatIf(StudentId student, List<PlannedCourse> planned) {
            throw new BackendNotInBuildException("the what-if planner", "the readiness engine wired to the "
                    + "record store");
        }
    }

    /** The consortium's members are known; grants, revocations and the access log need the exchange. */
    private static final class ConsentWithoutExchange implements ConsentDesk {
        private final Consortium consortium;

        ConsentWithoutExchange(Consortium consortium) {
            this.consortium = consortium;
        }

        @Override
        public List<Institution> institutions() {
            return consortium.members().stream()
                    .sorted(java.util.Comparator.comparing(Member::displayName))
                    .map(member -> new Institution(member.id(), member.displayName()))
                    .toList();
        }

        @Override
        public List<GrantView> grants(StudentId student) {
            throw unavailable("consent grants");
        }

        @Override
        public GrantView grant(StudentId student, GrantRequest request, AccountId grantor) {
            throw unavailable("granting consent");
        }

        @Override
        public void revoke(StudentId student, String grantId, AccountId by) {
            throw unavailable("revoking consent");
        }

        @Override
        public List<Disclosure> accessLog(StudentId student) {
            throw unavailable("the access log");
        }

        @Override
        public void requestCopy(StudentId student, String disclosureId, AccountId by) {
            throw unavailable("a copy of a disclosure");
        }

        private static BackendNotInBuildException unavailable(String what) {
            return new BackendNotInBuildException(what, "the exchange (grant notification, receipts)");
        }
    }

    private static final class NoRegistrarDesk implements RegistrarDesk {
        @Override
        public List<ImportRun> imports() {
            throw new BackendNotInBuildException("import runs", "the importer");
        }

        @Override
        public Optional<ImportRun> importRun(String id) {
            throw new BackendNotInBuildException("import runs", "the importer");
        }

        @Override
        public List<Exchange> exchanges() {
            throw new BackendNotInBuildException("exchanges", "the exchange");
        }

        @Override
        public List<CalGrantRow> calGrantBatch() {
            throw new BackendNotInBuildException("the Cal Grant GPA batch", "the exchange and the readiness engine "
                    + "wired to the record store");
        }
    }
}
