package org.baton.node.importer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RejectionTest {

    @Test
    void a_reason_with_line_breaks_stays_one_report_line() {
        Rejection r = new Rejection("records.jsonl", 1, "-", "not JSON: Expected ':'\nSee https://example.org\r\u2028x");

        assertThat(r.toString()).isEqualTo("records.jsonl:1: -: not JSON: Expected ':' See https://example.org  x");
    }

    @Test
    void control_characters_from_the_input_cannot_forge_a_line() {
        Rejection r = new Rejection("SINF.csv", 7, "Name\u0000", "'x\nSINF.csv:8: SSID: fake' is not a name");

        assertThat(r.toString()).doesNotContain("\n").isEqualTo("SINF.csv:7: Name : 'x SINF.csv:8: SSID: fake' is not a name");
    }
}
