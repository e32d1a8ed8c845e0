package org.baton.tools.pki;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.baton.trust.Consortium;
import org.baton.trust.ConsortiumCa;
import org.baton.trust.ConsortiumLoadException;
import org.baton.trust.InstitutionCredentials;
import org.baton.trust.Member;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "consortium",
        mixinStandardHelpOptions = true,
        description = {
            "Writes the consortium file listing the given issued institutions, signed by the CA. Nodes verify it",
            "at start with the CA certificate and accept only peers it lists."})
final class ConsortiumCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--ca", required = true, paramLabel = "DIR", description = "The CA directory (from init-ca).")
    Path caDir;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The consortium file to write.")
    Path out;

    @Option(names = "--name", paramLabel = "NAME", description = "Consortium name (default: the CA's name).")
    String name;

    @Option(names = "--consortium-version", paramLabel = "N",
            description = "Version of the member list (default: 1, or one more than the file it replaces).")
    Long version;

    @Option(names = "--force", description = "Replace an existing file (signed by the same CA; the version must grow).")
    boolean force;

    @Parameters(arity = "1..*", paramLabel = "DIR",
            description = "Directories written by `baton pki issue`, or directories holding such directories.")
    List<Path> memberDirs;

    @Override
    public Integer call() throws Exception {
        ConsortiumCa ca = ConsortiumCa.load(caDir, new SecureRandom());
        List<Member> members = new ArrayList<>();
        for (Path dir : issuedDirectories()) {
            InstitutionCredentials credentials = InstitutionCredentials.load(dir);
            if (!credentials.caCertificate().equals(ca.certificate())) {
                throw new IllegalArgumentException(dir + " was issued by another CA than " + caDir);
            }
            MemberFile member = MemberFile.read(dir.resolve(MemberFile.NAME));
            if (!member.id().equals(credentials.institutionId())) {
                throw new IllegalArgumentException(dir.resolve(MemberFile.NAME) + " describes " + member.id()
                        + " but the certificates in " + dir + " are for " + credentials.institutionId());
            }
            members.add(member.member(credentials));
        }

        long newVersion = version(ca);
        String consortiumName = name != null ? name
                : ca.certificate().getSubjectX500Principal().getName().replaceFirst("^CN=", "");
        Consortium consortium = Consortium.of(consortiumName, newVersion, Instant.now(), members);
        write(ca, consortium);

        var print = spec.commandLine().getOut();
        print.printf("Consortium file %s: '%s' version %d, %d members%n", out, consortiumName, newVersion,
                members.size());
        for (Member member : consortium.members()) {
            print.printf("  %-14s %-17s %-28s %s%n", member.id(), member.kind(), member.endpoint(),
                    member.displayName());
        }
        return 0;
    }

    private List<Path> issuedDirectories() throws IOException {
        List<Path> found = new ArrayList<>();
        for (Path dir : memberDirs) {
            if (Files.isRegularFile(dir.resolve(MemberFile.NAME))) {
                found.add(dir);
                continue;
            }
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException(dir + " is not a directory");
            }
            try (Stream<Path> children = Files.list(dir)) {
                List<Path> issued = children.filter(child -> Files.isRegularFile(child.resolve(MemberFile.NAME)))
                        .sorted().toList();
                if (issued.isEmpty()) {
                    throw new IllegalArgumentException(dir + " holds no " + MemberFile.NAME
                            + ": it is neither written by `baton pki issue` nor holds directories that are");
                }
                found.addAll(issued);
            }
        }
        return found;
    }

    private long version(ConsortiumCa ca) {
        if (!Files.exists(out)) {
            return version == null ? 1 : positive(version);
        }
        if (!force) {
            throw new IllegalArgumentException(out + " already exists; use --force to replace it");
        }
        Optional<Consortium> previous;
        try {
            previous = Optional.of(Consortium.load(out, ca.certificate()));
        } catch (ConsortiumLoadException e) {
            previous = Optional.empty();
        }
        if (previous.isEmpty()) {
            if (version == null) {
                throw new IllegalArgumentException(out + " cannot be read with this CA, so its version is unknown; "
                        + "give --consortium-version");
            }
            return positive(version);
        }
        long old = previous.get().version();
        if (version == null) {
            return old + 1;
        }
        if (version <= old) {
            throw new IllegalArgumentException("--consortium-version " + version + " is not newer than version " + old
                    + " of " + out);
        }
        return version;
    }

    private static long positive(long value) {
        if (value < 1) {
            throw new IllegalArgumentException("--consortium-version must be at least 1, got " + value);
        }
        return value;
    }

    private void write(ConsortiumCa ca, Consortium consortium) throws IOException {
        if (!Files.exists(out)) {
            ca.writeConsortium(consortium, out);
            return;
        }
        Path staging = out.toAbsolutePath().resolveSibling("." + out.getFileName() + ".new-" + UUID.randomUUID());
        try {
            ca.writeConsortium(consortium, staging);
            Files.move(staging, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("cannot stage the new consortium file next to " + out, e);
        } finally {
            Files.deleteIfExists(staging);
        }
    }
}
