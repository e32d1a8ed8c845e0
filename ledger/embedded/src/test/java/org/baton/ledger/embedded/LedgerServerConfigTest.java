package org.baton.ledger.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LedgerServerConfigTest {

    @Test
    void reads_options_with_defaults() {
        LedgerServerConfig config = LedgerServerConfig.fromArgs(
                "--data", "/var/ledger", "--credentials", "/etc/cde", "--consortium", "/etc/consortium.json",
                "--port", "7600", "--block-size", "500");

        assertThat(config.dataDirectory()).isEqualTo(Path.of("/var/ledger"));
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(7600);
        assertThat(config.ledgerConfig().maxBlockTransactions()).isEqualTo(500);
        assertThat(config.maxBlockDelay()).isEqualTo(Duration.ofMillis(2));
    }

    @Test
    void names_a_missing_option() {
        assertThatThrownBy(() -> LedgerServerConfig.fromArgs("--data", "/x", "--credentials", "/y"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("option --consortium is required; usage: --data DIR");
    }

    @Test
    void names_an_unknown_or_bad_option() {
        assertThatThrownBy(() -> LedgerServerConfig.fromArgs("--dta", "/x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown option --dta");
        assertThatThrownBy(() -> LedgerServerConfig.fromArgs("--data", "/x", "--credentials", "/y",
                "--consortium", "/z", "--port", "seven"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("option --port value 'seven' is not an integer");
        assertThatThrownBy(() -> LedgerServerConfig.fromArgs("--data", "/x", "--credentials", "/y",
                "--consortium", "/z", "--block-size", "0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxBlockTransactions 0 is outside 1..100000");
    }
}
