package org.baton.tools.portal;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.baton.proto.v1.IssueAccountRequest;
import org.baton.proto.v1.IssueAccountResponse;
import org.baton.proto.v1.NodeAdminGrpc;
import org.baton.proto.v1.PortalRole;
import org.baton.trust.PeerEndpoint;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code baton portal}: administer a running node's portal. */
@Command(name = "portal", mixinStandardHelpOptions = true,
        description = "Administer a running node's portal.",
        subcommands = {PortalCommand.IssueAccount.class})
public final class PortalCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code baton portal issue-account}: issues an account and prints its one-time activation code. */
    @Command(name = "issue-account", mixinStandardHelpOptions = true,
            description = "Issue a portal account on a running node and print its one-time activation code.")
    static final class IssueAccount implements Callable<Integer> {

        private static final Map<String, PortalRole> ROLES = Map.of(
                "student", PortalRole.PORTAL_ROLE_STUDENT,
                "guardian", PortalRole.PORTAL_ROLE_GUARDIAN,
                "counselor", PortalRole.PORTAL_ROLE_COUNSELOR,
                "registrar", PortalRole.PORTAL_ROLE_REGISTRAR,
                "admin", PortalRole.PORTAL_ROLE_ADMIN,
                "auditor", PortalRole.PORTAL_ROLE_AUDITOR);

        private static final long DEADLINE_SECONDS = 30;

        @Spec
        CommandSpec spec;

        @Option(names = "--admin", required = true, paramLabel = "HOST:PORT",
                description = "The node's admin endpoint (admin.port in its config), e.g. 127.0.0.1:7444.")
        String admin;

        @Option(names = "--role", required = true, paramLabel = "ROLE",
                description = "student, guardian, counselor, registrar, admin or auditor.")
        String role;

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "The holder's display name.")
        String name;

        @Option(names = "--student", paramLabel = "ID",
                description = "A linked student record's store id: one for a student, each linked minor for a "
                        + "guardian, the caseload for a counselor (repeat the option).")
        List<Long> students = List.of();

        @Override
        public Integer call() throws InterruptedException {
            PeerEndpoint endpoint;
            try {
                endpoint = PeerEndpoint.parse(admin);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--admin: " + e.getMessage(), e);
            }
            PortalRole portalRole = ROLES.get(role.toLowerCase(Locale.ROOT));
            if (portalRole == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--role: '" + role + "' is not one of "
                        + "student, guardian, counselor, registrar, admin, auditor");
            }
            ManagedChannel channel = Grpc.newChannelBuilderForAddress(endpoint.host(), endpoint.port(),
                    InsecureChannelCredentials.create()).build();
            try {
                IssueAccountResponse issued = NodeAdminGrpc.newBlockingStub(channel)
                        .withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
                        .issueAccount(IssueAccountRequest.newBuilder()
                                .setRole(portalRole)
                                .setDisplayName(name)
                                .addAllStudentIds(students)
                                .build());
                var out = spec.commandLine().getOut();
                out.println("Issued " + role.toLowerCase(Locale.ROOT) + " account " + issued.getAccountId() + ".");
                out.println("Activation code (shown once; give it to the holder): " + issued.getActivationCode());
                out.flush();
                return 0;
            } catch (StatusRuntimeException e) {
                String reason = e.getStatus().getDescription() == null
                        ? e.getStatus().getCode().name() : e.getStatus().getDescription();
                throw new AdminCallException("IssueAccount", admin, reason, e);
            } finally {
                channel.shutdownNow();
                channel.awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }
}
