package org.baton.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ValuesTest {

    @Nested
    class Kinds {

        @Test
        void accept_only_ids_of_their_form() {
            assertThat(InstitutionKind.K12_DISTRICT.accepts(InstitutionId.of("34673140000000"))).isTrue();
            assertThat(InstitutionKind.K12_DISTRICT.accepts(InstitutionId.of("110635"))).isFalse();
            assertThat(InstitutionKind.UC.accepts(InstitutionId.of("110635"))).isTrue();
            assertThat(InstitutionKind.CSU.accepts(InstitutionId.of("CSAC"))).isFalse();
            assertThat(InstitutionKind.CSAC.accepts(InstitutionId.of("CSAC"))).isTrue();
            assertThat(InstitutionKind.CDE.accepts(InstitutionId.of("CSAC"))).isFalse();
        }
    }

    @Nested
    class InstitutionIds {

        @Test
        void accept_cds_codes_ipeds_ids_and_the_two_agencies() {
            assertThat(InstitutionId.of("19647330000000").value()).isEqualTo("19647330000000");
            assertThat(InstitutionId.of("110662").value()).isEqualTo("110662");
            assertThat(InstitutionId.of("CSAC").value()).isEqualTo("CSAC");
            assertThat(InstitutionId.of("CDE").value()).isEqualTo("CDE");
        }

        @Test
        void refuse_other_lengths_non_digits_and_other_names() {
            for (String bad : new String[] {"", "12345", "1234567", "1964733000000", "196473300000001",
                    "1964733000000a", "11066x", "\u0661\u0661\u0660\u0666\u0666\u0662", "csac", "CDE ", "CSA"}) {
                assertThatThrownBy(() -> InstitutionId.of(bad))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessage("institution id '" + bad
                                + "' is not a 14-digit CDS code, a 6-digit IPEDS id, CSAC or CDE");
            }
        }
    }

    @Nested
    class Endpoints {

        @Test
        void parse_host_and_port() {
            assertThat(PeerEndpoint.parse("node.example.org:7443")).isEqualTo(new PeerEndpoint("node.example.org", 7443));
            assertThat(PeerEndpoint.parse("127.0.0.1:1")).isEqualTo(new PeerEndpoint("127.0.0.1", 1));
            assertThat(PeerEndpoint.parse("[::1]:7443").host()).isEqualTo("::1");
            assertThat(PeerEndpoint.parse("[::1]:7443")).hasToString("[::1]:7443");
        }

        @Test
        void refuse_an_ipv6_literal_that_is_not_an_address() {
            assertThatThrownBy(() -> PeerEndpoint.parse("[1:2:3:4:5:6:7:8:9]:80"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("endpoint '[1:2:3:4:5:6:7:8:9]:80': host '1:2:3:4:5:6:7:8:9' is not a DNS name or an "
                            + "IP address");
        }

        @Test
        void refuse_a_missing_port() {
            assertThatThrownBy(() -> PeerEndpoint.parse("localhost"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("endpoint 'localhost' is not host:port");
        }

        @Test
        void refuse_a_port_out_of_range() {
            assertThatThrownBy(() -> PeerEndpoint.parse("localhost:70000"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("endpoint 'localhost:70000': port 70000 is not between 1 and 65535");
        }

        @Test
        void refuse_a_host_that_is_not_a_name() {
            assertThatThrownBy(() -> PeerEndpoint.parse("bad host:80"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("endpoint 'bad host:80': host 'bad host' is not a DNS name or an IP address");
        }
    }

    @Nested
    class Fingerprints {

        @Test
        void are_64_lowercase_hex_digits() {
            assertThat(Fingerprint.sha256(new byte[0]).hex())
                    .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
            assertThatThrownBy(() -> Fingerprint.parse("ABC"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("fingerprint 'ABC' is not 64 lowercase hex digits (SHA-256)");
        }
    }

    @Nested
    class Validities {

        @Test
        void refuse_to_end_before_they_start() {
            Instant now = Instant.parse("2026-01-01T00:00:00Z");

            assertThatThrownBy(() -> new Validity(now, now.minusSeconds(1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("validity ends (2025-12-31T23:59:59Z) before it starts (2026-01-01T00:00:00Z)");
        }
    }
}
