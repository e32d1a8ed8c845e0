package org.baton.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.baton.ledger.testing.LedgerFixtures.COLLEGE;
import static org.baton.ledger.testing.LedgerFixtures.CSAC;
import static org.baton.ledger.testing.LedgerFixtures.DISTRICT;
import static org.baton.ledger.testing.LedgerFixtures.UNIVERSITY;
import static org.baton.ledger.testing.LedgerFixtures.hashOf;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.baton.ledger.testing.LedgerFixtures;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RecordsTest {

    private static final Instant NOW = LedgerFixtures.START;

    @Nested
    class Ids {

        @Test
        void are_random_lowercase_hex() {
            assertThat(GrantId.random().value()).matches("[0-9a-f]{32}");
            assertThat(ReceiptId.random()).isNotEqualTo(ReceiptId.random());
        }

        @Test
        void refuse_other_text_naming_the_kind_of_id() {
            assertThatThrownBy(() -> GrantId.of("ABC"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("grant id 'ABC' is not 32 lowercase hex digits");
            assertThatThrownBy(() -> TxId.of("00"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("transaction id '00' is not 64 lowercase hex digits");
        }
    }

    @Nested
    class A_consent_grant {

        @Test
        void keeps_times_to_the_millisecond() {
            ConsentGrant grant = LedgerFixtures.grant(NOW).issuedAt(NOW.plusNanos(1_234_567)).build();

            assertThat(grant.issuedAt()).isEqualTo(NOW.plusMillis(1));
        }

        @Test
        void must_expire_after_it_is_issued() {
            assertThatThrownBy(() -> LedgerFixtures.grant(NOW).expiresAt(NOW).build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("expires at 2026-03-02T17:00:00Z, not after it is issued at 2026-03-02T17:00:00Z");
        }

        @Test
        void covers_at_least_one_scope() {
            assertThatThrownBy(() -> LedgerFixtures.grant(NOW).scopes().build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageEndingWith("covers at least one scope");
        }

        @Test
        void may_not_name_its_recipient_as_a_source() {
            assertThatThrownBy(() -> LedgerFixtures.grant(NOW).recipient(UNIVERSITY)
                    .sources(Sources.named(DISTRICT, UNIVERSITY)).build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageEndingWith("names its recipient 110662 as a source");
        }

        @Test
        void reports_its_status_over_time() {
            ConsentGrant grant = LedgerFixtures.grant(NOW).expiresAt(NOW.plus(Duration.ofDays(1))).build();
            Committed created = new Committed(TxId.of(hashOf("tx").hex()), 1, NOW);
            GrantRecord record = new GrantRecord(grant, created, Optional.empty());

            assertThat(record.statusAt(NOW.minusMillis(1))).isEqualTo(GrantStatus.NOT_YET_VALID);
            assertThat(record.statusAt(NOW)).isEqualTo(GrantStatus.ACTIVE);
            assertThat(record.statusAt(NOW.plus(Duration.ofDays(1)))).isEqualTo(GrantStatus.EXPIRED);
            assertThat(record.revokedBy(created).statusAt(NOW)).isEqualTo(GrantStatus.REVOKED);
        }
    }

    @Nested
    class Sources_of_a_grant {

        @Test
        void are_named_or_every_institution_attended() {
            assertThat(Sources.named(DISTRICT).includes(DISTRICT)).isTrue();
            assertThat(Sources.named(DISTRICT).includes(COLLEGE)).isFalse();
            assertThat(Sources.everyInstitutionAttended().includes(COLLEGE)).isTrue();
        }

        @Test
        void name_at_least_one_institution() {
            assertThatThrownBy(() -> Sources.named(Set.of()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a grant names at least one source, or every institution attended");
        }
    }

    @Nested
    class An_exchange_receipt {

        @Test
        void names_a_grant_exactly_under_consent() {
            assertThatThrownBy(() -> new ExchangeReceipt(ReceiptId.random(), LegalBasis.CAL_GRANT_GPA_UPLOAD,
                    Optional.of(GrantId.random()), DISTRICT, CSAC, Set.of(Scope.GPA), hashOf("p"), NOW))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("has basis CAL_GRANT_GPA_UPLOAD and names a grant");
            assertThatThrownBy(() -> new ExchangeReceipt(ReceiptId.random(), LegalBasis.CONSENT,
                    Optional.empty(), DISTRICT, CSAC, Set.of(Scope.GPA), hashOf("p"), NOW))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("has basis CONSENT but names no grant");
        }

        @Test
        void goes_between_two_institutions() {
            assertThatThrownBy(() -> ExchangeReceipt.underBasis(ReceiptId.random(), LegalBasis.SEEKS_ENROLLMENT,
                    DISTRICT, DISTRICT, Set.of(Scope.GPA), hashOf("p"), NOW))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageEndingWith("has the same sender and recipient 19647330000000");
        }
    }

    @Nested
    class An_acknowledgment {

        @Test
        void gives_a_reason_exactly_when_rejecting() {
            assertThat(Acknowledgment.rejected(ReceiptId.random(), RejectionReason.OTHER).reason())
                    .contains(RejectionReason.OTHER);
            assertThatThrownBy(() -> new Acknowledgment(ReceiptId.random(), Verdict.ACCEPTED,
                    Optional.of(RejectionReason.OTHER)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageEndingWith("a reason is given exactly when the package is rejected");
        }
    }

    @Nested
    class Paging {

        @Test
        void refuses_page_sizes_outside_the_limit() {
            assertThatThrownBy(() -> PageRequest.first(0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("page size 0 is outside 1..1000");
        }

        @Test
        void refuses_a_time_range_that_ends_before_it_starts() {
            assertThatThrownBy(() -> TimeRange.between(NOW, NOW))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("time range ends at 2026-03-02T17:00:00Z, not after its start 2026-03-02T17:00:00Z");
        }
    }
}
