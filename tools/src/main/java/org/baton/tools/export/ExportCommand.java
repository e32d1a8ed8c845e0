package org.baton.tools.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.baton.node.config.NodeConfig;
import org.baton.node.config.NodeConfigException;
import org.baton.node.export.BatonJsonLines;
import org.baton.node.store.RecordStore;
import org.baton.node.store.StoreException;
import org.baton.node.store.StoredStudent;
import org.baton.node.student.Ssid;
import org.baton.proto.v1.StudentRecord;
import org.baton.tools.LocalStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code baton export --config NODE_CONFIG --out FILE [--ssid SSID]...}: writes the node's student records as
 * Baton JSON Lines (one record per line), which {@code baton import --format json} reads back.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {
            "Writes the node's student records (the node must be stopped) as Baton JSON Lines: one",
            "StudentRecord per line in the protobuf JSON mapping with proto field names. The output holds",
            "personal data: keep it where the records themselves may be kept."})
public final class ExportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "NODE_CONFIG", description = "The node's YAML configuration.")
    Path config;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output file, or - for standard output.")
    String out;

    @Option(names = "--ssid", paramLabel = "SSID", description = "Export only these students (repeatable).")
    List<String> ssids = List.of();

    @Override
    public Integer call() {
        List<Ssid> wanted;
        try {
            wanted = ssids.stream().map(Ssid::of).toList();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--ssid: " + e.getMessage());
        }
        PrintWriter err = spec.commandLine().getErr();
        NodeConfig node;
        try {
            node = NodeConfig.load(config);
        } catch (NodeConfigException e) {
            err.println(e.getMessage());
            return 1;
        }
        long written;
        try (RecordStore store = LocalStore.open(node)) {
            if ("-".equals(out)) {
                Writer w = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
                written = export(store, wanted, w);
            } else {
                try (Writer w = Files.newBufferedWriter(Path.of(out), StandardCharsets.UTF_8)) {
                    written = export(store, wanted, w);
                }
            }
        } catch (StoreException | UncheckedIOException e) {
            err.println("export failed: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("export failed: cannot write " + out + ": " + e.getMessage());
            return 1;
        }
        err.println("exported " + written + " students");
        err.flush();
        return 0;
    }

    private static long export(RecordStore store, List<Ssid> wanted, Writer w) {
        if (wanted.isEmpty()) {
            try (Stream<StoredStudent> all = store.students()) {
                return BatonJsonLines.write(all.map(StoredStudent::record), w);
            }
        }
        Stream<StudentRecord> some = wanted.stream().map(store::findBySsid).flatMap(Optional::stream)
                .map(StoredStudent::record);
        return BatonJsonLines.write(some, w);
    }
}
