package org.baton.ledger.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.baton.ledger.GrantId;
import org.baton.trust.InstitutionId;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class KeysTest {

    static final String FABRIC_TX = "f".repeat(64);

    @Test
    void orders_by_the_timestamp_in_nanoseconds_in_20_digits_then_the_fabric_transaction() {
        assertThat(Keys.order(Instant.ofEpochSecond(1772470800L, 5), FABRIC_TX))
                .isEqualTo("01772470800000000005." + FABRIC_TX);
        assertThat(Keys.order(Instant.EPOCH, FABRIC_TX)).isEqualTo("00000000000000000000." + FABRIC_TX);
    }

    @Test
    void refuses_a_timestamp_before_1970() {
        assertThatThrownBy(() -> Keys.order(Instant.EPOCH.minusNanos(1), FABRIC_TX))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("before 1970");
    }

    @Test
    void turns_milliseconds_into_the_time_part_of_an_order_clamped_to_20_nines() {
        assertThat(Keys.time(0)).isEqualTo("00000000000000000000");
        assertThat(Keys.time(1772470800123L)).isEqualTo("01772470800123000000");
        assertThat(Keys.time(99_999_999_999_999L)).isEqualTo("99999999999999000000");
        assertThat(Keys.time(100_000_000_000_000L)).isEqualTo("99999999999999999999");
        assertThat(Keys.time(Long.MAX_VALUE)).isEqualTo("99999999999999999999");
    }

    @Test
    void puts_every_order_of_a_millisecond_in_the_range_of_that_millisecond() {
        String order = Keys.order(Instant.ofEpochMilli(1772470800123L).plusNanos(999_999), FABRIC_TX);
        Keys.Range range = new Keys.Range(Keys.time(1772470800123L), Keys.time(1772470800124L));

        assertThat(range.contains(order)).isTrue();
        assertThat(range.contains(Keys.order(Instant.ofEpochMilli(1772470800124L), FABRIC_TX))).isFalse();
        assertThat(range.contains(Keys.order(Instant.ofEpochMilli(1772470800122L).plusNanos(999_999), FABRIC_TX)))
                .isFalse();
    }

    @Test
    void ranges_a_prefix_up_to_the_character_after_its_slash() {
        Keys.Range range = Keys.prefixed(Keys.receiptsByGrant(GrantId.of("0123456789abcdef0123456789abcdef")));

        assertThat(range.start()).isEqualTo("ix/receipt-grant/0123456789abcdef0123456789abcdef/");
        assertThat(range.end()).isEqualTo("ix/receipt-grant/0123456789abcdef0123456789abcdef0");
    }

    @Test
    void names_the_index_prefixes_of_docs_fabric_md() {
        InstitutionId csac = InstitutionId.of("CSAC");

        assertThat(Keys.grantsByInstitution(csac)).isEqualTo("ix/grant-inst/CSAC/");
        assertThat(Keys.receiptsByInstitution(csac)).isEqualTo("ix/receipt-inst/CSAC/");
        assertThat(Keys.indexedId("ix/receipt-inst/CSAC/01772470800000000005." + FABRIC_TX + "/abc")).isEqualTo("abc");
    }
}
