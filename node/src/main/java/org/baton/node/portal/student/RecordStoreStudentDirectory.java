package org.baton.node.portal.student;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.baton.node.exchange.ReceivedPackage;
import org.baton.node.exchange.ReceivedRecords;
import org.baton.node.quality.QualityFinding;
import org.baton.node.store.RecordStore;
import org.baton.node.student.Ssid;
import org.baton.node.student.StudentId;
import org.baton.proto.v1.StudentRecord;
import org.baton.trust.InstitutionId;

/**
 * Students from the node's record store, with the records other institutions sent about them (found by SSID in the
 * exchange's received packages) when the node has an exchange.
 */
final class RecordStoreStudentDirectory implements StudentDirectory {

    private final RecordStore store;
    private final Optional<ReceivedRecords> received;
    private final Function<InstitutionId, String> names;
    private final Function<StudentRecord, List<QualityFinding>> checks;

    RecordStoreStudentDirectory(RecordStore store, Optional<ReceivedRecords> received,
            Function<InstitutionId, String> names, Function<StudentRecord, List<QualityFinding>> checks) {
        this.store = Objects.requireNonNull(store, "store");
        this.received = Objects.requireNonNull(received, "received");
        this.names = Objects.requireNonNull(names, "names");
        this.checks = Objects.requireNonNull(checks, "checks");
    }

    @Override
    public Optional<StudentFile> find(StudentId student) {
        return store.student(Objects.requireNonNull(student, "student"))
                .map(s -> new StudentFile(s.id(), s.record(), receivedFor(s.record().getStudent().getSsid())));
    }

    private List<ReceivedRecord> receivedFor(String ssid) {
        if (received.isEmpty() || ssid.isEmpty()) {
            return List.of();
        }
        Ssid key;
        try {
            key = Ssid.of(ssid);
        } catch (IllegalArgumentException e) {
            return List.of();
        }
        List<ReceivedRecord> out = new ArrayList<>();
        for (ReceivedPackage pkg : received.get().currentForStudent(key)) {
            out.add(new ReceivedRecord(pkg.source(), names.apply(pkg.source()), pkg.receivedAt(), pkg.record(),
                    Optional.of(pkg.packageId().value()), () -> checks.apply(pkg.record())));
        }
        return out;
    }
}
