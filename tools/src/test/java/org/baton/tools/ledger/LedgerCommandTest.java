package org.baton.tools.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import org.baton.ledger.ConsentGrant;
import org.baton.ledger.Ledger;
import org.baton.ledger.Scope;
import org.baton.ledger.embedded.EmbeddedLedger;
import org.baton.ledger.embedded.EmbeddedLedgerConfig;
import org.baton.ledger.embedded.LedgerPki;
import org.baton.ledger.embedded.RawChain;
import org.baton.ledger.testing.LedgerFixtures;
import org.baton.ledger.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LedgerCommandTest {

    private final LedgerPki pki = LedgerPki.shared();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    private int run(Object command, String... args) {
        return new CommandLine(command)
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
    }

    @Nested
    class Verify {

        private Path data;

        /** Three blocks of one transaction each. */
        @BeforeEach
        void writeChain() {
            data = dir.resolve("ledger");
            MutableClock clock = new MutableClock(LedgerFixtures.START);
            try (EmbeddedLedger ledger = EmbeddedLedger.open(new EmbeddedLedgerConfig(data, 1, Duration.ZERO, 10),
                    pki.consortium(), pki.operator(), clock)) {
                Ledger district = ledger.ledgerFor(LedgerFixtures.DISTRICT,
                        pki.credentials(LedgerFixtures.DISTRICT).signingKey());
                ConsentGrant grant = LedgerFixtures.grant(clock.instant()).build();
                district.writer().createGrant(grant);
                district.writer().recordReceipt(
                        LedgerFixtures.receiptUnder(grant, EnumSet.of(Scope.GPA), clock.instant()));
                district.writer().revokeGrant(grant.id());
            }
        }

        private int verify() {
            return run(new LedgerCommand(), "verify", "--data", data.toString(),
                    "--consortium", pki.consortiumFile().toString(), "--ca", pki.caCertificateFile().toString());
        }

        @Test
        void reports_an_intact_chain() {
            assertThat(verify()).isZero();
            assertThat(out.toString()).isEqualTo("chain intact: 3 blocks, 3 transactions" + System.lineSeparator());
        }

        @Test
        void names_the_block_with_a_flipped_byte_and_fails() throws Exception {
            RawChain.editBlock(data, 1, RawChain.flipByte(120));

            assertThat(verify()).isEqualTo(1);
            assertThat(err.toString()).startsWith("chain broken at block 1: ")
                    .contains("(1 blocks before it are intact)");
        }

        @Test
        void fails_on_a_directory_that_is_not_a_ledger() {
            int status = run(new LedgerCommand(), "verify", "--data", dir.resolve("nothing").toString(),
                    "--consortium", pki.consortiumFile().toString(), "--ca", pki.caCertificateFile().toString());

            assertThat(status).isEqualTo(1);
            assertThat(err.toString()).startsWith("baton ledger verify: ledger store ")
                    .contains("is not a directory");
        }
    }

    @Nested
    class Serve {

        @Test
        void fails_with_unreadable_credentials() {
            int status = run(new LedgerCommand(), "serve", "--data", dir.resolve("ledger").toString(),
                    "--credentials", dir.resolve("no-credentials").toString(),
                    "--consortium", pki.consortiumFile().toString(), "--port", "0");

            assertThat(status).isEqualTo(1);
            assertThat(err.toString()).startsWith("baton ledger serve: ");
        }

        @Test
        void refuses_a_block_size_of_zero() {
            int status = run(new LedgerCommand(), "serve", "--data", dir.resolve("ledger").toString(),
                    "--credentials", pki.credentialsDirectory(LedgerPki.OPERATOR).toString(),
                    "--consortium", pki.consortiumFile().toString(), "--block-size", "0");

            assertThat(status).isEqualTo(1);
            assertThat(err.toString()).isEqualTo("baton ledger serve: maxBlockTransactions 0 is outside 1..100000"
                    + System.lineSeparator());
        }
    }

    @Nested
    class Bench {

        @Test
        void prints_the_figures_and_writes_them_as_json() throws Exception {
            Path json = dir.resolve("bench.json");

            int status = run(new LedgerBenchCommand(), "--submitters", "2", "--districts", "1",
                    "--warmup-seconds", "0", "--seconds", "1", "--json", json.toString());

            assertThat(status).isZero();
            assertThat(out.toString()).startsWith("baton bench ledger: ").contains("receipts/s")
                    .contains("latency").contains("p99").contains("peak RSS");
            assertThat(Files.readString(json)).startsWith("{\"schema\":\"baton-bench/1\",\"benchmark\":\"ledger\"")
                    .contains("\"p99\":").contains("\"districts\":\"1\"");
        }
    }
}
