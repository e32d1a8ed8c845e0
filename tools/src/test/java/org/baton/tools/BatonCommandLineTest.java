package org.baton.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.baton.trust.Consortium;
import org.baton.trust.ConsortiumCa;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class BatonCommandLineTest {

    @TempDir
    Path dir;

    record Result(int exitCode, String out, String err) {
    }

    private static Result baton(Object... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] strings = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            strings[i] = String.valueOf(args[i]);
        }
        int code = Baton.run(strings, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    @Nested
    class Help {

        @Test
        void every_command_has_help_and_exits_zero() {
            List<List<String>> paths = new ArrayList<>();
            collect(new CommandLine(new Baton()), new ArrayList<>(), paths);

            assertThat(paths).extracting(path -> String.join(" ", path)).contains("pki init-ca", "pki issue",
                    "pki consortium", "pki show", "node start", "demo");
            for (List<String> path : paths) {
                List<String> args = new ArrayList<>(path);
                args.add("--help");
                Result result = baton(args.toArray());
                assertThat(result.exitCode()).as("baton %s --help", path).isZero();
                assertThat(result.out()).as("baton %s --help", path).startsWith("Usage: baton");
            }
        }

        private void collect(CommandLine command, List<String> path, List<List<String>> paths) {
            paths.add(List.copyOf(path));
            command.getSubcommands().forEach((name, sub) -> {
                if (!name.equals("help")) {
                    List<String> child = new ArrayList<>(path);
                    child.add(name);
                    collect(sub, child, paths);
                }
            });
        }

        @Test
        void a_missing_required_option_is_a_usage_error() {
            Result result = baton("pki", "init-ca", "--name", "X");

            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.err()).startsWith("Missing required option: '--out=DIR'");
        }
    }

    @Nested
    class Pki {

        @Test
        void builds_a_consortium_that_verifies_and_shows() throws Exception {
            assertThat(baton("pki", "init-ca", "--out", dir.resolve("ca"), "--name", "California Baton Consortium")
                    .exitCode()).isZero();
            issue("110635", "UC", "University of California-Berkeley", "127.0.0.1:7443");
            issue("CSAC", "CSAC", "California Student Aid Commission", "csac.example:7443");

            Result consortium = baton("pki", "consortium", "--ca", dir.resolve("ca"), "--out",
                    dir.resolve("consortium.json"), dir.resolve("members"));
            Result show = baton("pki", "show", "--ca-cert", dir.resolve("ca/ca.pem"), dir.resolve("consortium.json"));

            assertThat(consortium.exitCode()).as(consortium.err()).isZero();
            Consortium loaded = Consortium.load(dir.resolve("consortium.json"),
                    ConsortiumCa.readCertificate(dir.resolve("ca/ca.pem")));
            assertThat(loaded.name()).isEqualTo("California Baton Consortium");
            assertThat(loaded.version()).isEqualTo(1);
            assertThat(loaded.members()).extracting(member -> member.id().value()).containsExactly("110635", "CSAC");
            assertThat(show.exitCode()).isZero();
            assertThat(show.out()).contains("Consortium 'California Baton Consortium', version 1",
                    "110635  UC  University of California-Berkeley", "endpoint             csac.example:7443");
        }

        @Test
        void replaces_a_consortium_file_only_when_forced_and_then_with_a_newer_version() throws Exception {
            baton("pki", "init-ca", "--out", dir.resolve("ca"), "--name", "C");
            issue("110635", "UC", "Berkeley", "127.0.0.1:7443");
            Path file = dir.resolve("consortium.json");
            baton("pki", "consortium", "--ca", dir.resolve("ca"), "--out", file, dir.resolve("members"));

            Result refused = baton("pki", "consortium", "--ca", dir.resolve("ca"), "--out", file, dir.resolve("members"));
            Result forced = baton("pki", "consortium", "--ca", dir.resolve("ca"), "--out", file, "--force",
                    dir.resolve("members"));

            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.err()).isEqualTo("baton consortium: " + file
                    + " already exists; use --force to replace it" + System.lineSeparator());
            assertThat(forced.exitCode()).isZero();
            assertThat(Consortium.load(file, ConsortiumCa.readCertificate(dir.resolve("ca/ca.pem"))).version())
                    .isEqualTo(2);
        }

        @Test
        void refuses_an_id_that_does_not_fit_the_kind() {
            baton("pki", "init-ca", "--out", dir.resolve("ca"), "--name", "C");

            Result result = baton("pki", "issue", "--ca", dir.resolve("ca"), "--id", "110635", "--kind",
                    "K12_DISTRICT", "--name", "X", "--endpoint", "localhost:1", "--out", dir.resolve("x"));

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err()).isEqualTo("baton issue: --id 110635 is not valid for --kind K12_DISTRICT: "
                    + "expected a 14-digit CDS code" + System.lineSeparator());
            assertThat(dir.resolve("x")).doesNotExist();
        }

        @Test
        void show_refuses_a_tampered_file() throws Exception {
            baton("pki", "init-ca", "--out", dir.resolve("ca"), "--name", "C");
            issue("110635", "UC", "Berkeley", "127.0.0.1:7443");
            Path file = dir.resolve("consortium.json");
            baton("pki", "consortium", "--ca", dir.resolve("ca"), "--out", file, dir.resolve("members"));
            Files.writeString(file, Files.readString(file).replace("Berkeley", "Stanford"));

            Result result = baton("pki", "show", "--ca-cert", dir.resolve("ca/ca.pem"), file);

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err()).startsWith("baton show: consortium file " + file
                    + " refused: signature does not verify against the consortium CA CN=C");
        }

        private void issue(String id, String kind, String name, String endpoint) {
            Result result = baton("pki", "issue", "--ca", dir.resolve("ca"), "--id", id, "--kind", kind, "--name", name,
                    "--endpoint", endpoint, "--out", dir.resolve("members").resolve(id));
            assertThat(result.exitCode()).as(result.err()).isZero();
        }
    }
}
