package org.baton.node.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.util.List;
import java.util.Optional;
import org.baton.ledger.GrantId;
import org.baton.ledger.LedgerRejectedException;
import org.baton.ledger.LedgerUnavailableException;
import org.baton.ledger.LegalBasis;
import org.baton.ledger.RefusalReason;
import org.baton.ledger.RejectionReason;
import org.baton.ledger.TxId;
import org.baton.trust.InstitutionId;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ExchangeErrorsTest {

    private static final GrantId GRANT = GrantId.random();
    private static final InstitutionId PEER = InstitutionId.of("110662");

    private static Status.Code code(Throwable error) {
        return ExchangeErrors.toStatus(error).getStatus().getCode();
    }

    @Nested
    class To_a_status {

        @Test
        void maps_each_exchange_failure_to_its_code_with_its_message() {
            assertThat(code(new ConsentRefusedException(GRANT, "revoked"))).isEqualTo(Status.Code.PERMISSION_DENIED);
            assertThat(code(new BasisNotApplicableException(LegalBasis.SEEKS_ENROLLMENT, "x")))
                    .isEqualTo(Status.Code.PERMISSION_DENIED);
            assertThat(code(new CallerRefusedException(PEER, "x"))).isEqualTo(Status.Code.PERMISSION_DENIED);
            assertThat(code(new UnknownGrantException(GRANT, "on the ledger"))).isEqualTo(Status.Code.NOT_FOUND);
            assertThat(code(new StudentNotHeldException("student 3"))).isEqualTo(Status.Code.NOT_FOUND);
            assertThat(code(new IdentityMismatchException(GRANT, List.of("birth_date"))))
                    .isEqualTo(Status.Code.FAILED_PRECONDITION);
            assertThat(code(new OpeningMissingException(GRANT))).isEqualTo(Status.Code.FAILED_PRECONDITION);
            assertThat(code(new InvalidExchangeRequestException("scopes names no scope")))
                    .isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(code(new PackageVerificationException(Optional.empty(), RejectionReason.SIGNATURE_INVALID,
                    "x"))).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(code(new LedgerUnavailableException("recordReceipt", Optional.empty(), null)))
                    .isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(ExchangeErrors.toStatus(new ConsentRefusedException(GRANT, "it is revoked")).getMessage())
                    .isEqualTo("PERMISSION_DENIED: grant " + GRANT + " does not allow the transfer: it is revoked");
        }

        @Test
        void maps_a_ledger_refusal_by_its_category() {
            TxId tx = TxId.of("a".repeat(64));

            assertThat(code(new LedgerRejectedException(tx, RefusalReason.GRANT_REVOKED, "x")))
                    .isEqualTo(Status.Code.FAILED_PRECONDITION);
            assertThat(code(new LedgerRejectedException(tx, RefusalReason.SCOPE_NOT_GRANTED, "x")))
                    .isEqualTo(Status.Code.PERMISSION_DENIED);
        }

        @Test
        void hides_the_details_of_an_unexpected_fault() {
            var status = ExchangeErrors.toStatus(new NullPointerException("secret detail"));

            assertThat(status.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
            assertThat(status.getMessage()).isEqualTo("INTERNAL: the node failed: NullPointerException");
        }
    }

    @Nested
    class From_a_status {

        @Test
        void retries_what_may_pass_later_and_gives_up_on_refusals() {
            assertThat(ExchangeErrors.fromStatus(PEER, Status.UNAVAILABLE.asRuntimeException()))
                    .isInstanceOf(PeerUnavailableException.class);
            assertThat(ExchangeErrors.fromStatus(PEER, Status.DEADLINE_EXCEEDED.asRuntimeException()))
                    .isInstanceOf(PeerUnavailableException.class);
            assertThat(ExchangeErrors.fromStatus(PEER, Status.PERMISSION_DENIED.withDescription("revoked")
                    .asRuntimeException()))
                    .isInstanceOfSatisfying(PeerRefusedException.class, e -> {
                        assertThat(e.kind()).isEqualTo(PeerRefusedException.Kind.NOT_ALLOWED);
                        assertThat(e.getMessage()).isEqualTo("peer 110662 refused (NOT_ALLOWED): PERMISSION_DENIED:"
                                + " revoked");
                    });
            assertThat(ExchangeErrors.fromStatus(PEER, Status.FAILED_PRECONDITION.asRuntimeException()))
                    .isInstanceOfSatisfying(PeerRefusedException.class,
                            e -> assertThat(e.kind()).isEqualTo(PeerRefusedException.Kind.PRECONDITION));
        }
    }
}
