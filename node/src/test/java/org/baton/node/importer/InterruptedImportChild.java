package org.baton.node.importer;

import java.nio.file.Path;
import org.baton.node.store.RecordStore;
import org.baton.trust.InstitutionId;

/**
 * The import {@link InterruptedImportIT} kills: runs a CALPADS import in batches of 10 students and, once three
 * batches are committed, says so on standard output and waits to be killed (its listener blocks the writer thread,
 * so the import is stopped mid-load with students committed and students not yet written).
 *
 * <p>Arguments: work directory (store and data key as {@link ImportFixtures#openStore}), input directory,
 * institution id.
 */
public final class InterruptedImportChild {

    public static final String READY = "COMMITTED-3-BATCHES";

    private InterruptedImportChild() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        Path input = Path.of(args[1]);
        InstitutionId institution = InstitutionId.of(args[2]);
        ImportListener stopAfterThree = new ImportListener() {
            @Override
            public void batchCommitted(int students, long studentsCommittedSoFar) {
                if (studentsCommittedSoFar >= 30) {
                    System.out.println(READY);
                    System.out.flush();
                    while (true) {
                        try {
                            Thread.sleep(60_000);
                        } catch (InterruptedException e) {
                            // Keep waiting for the kill.
                        }
                    }
                }
            }
        };
        RecordStore store = ImportFixtures.openStore(work);
        ImportRequest request = ImportRequest.of(ImportFormat.CALPADS, input, institution)
                .withReport(work.resolve("report.txt")).withWorkDir(work.resolve("work")).withBatchSize(10);
        Importer.create(store, stopAfterThree).run(request);
        System.out.println("FINISHED-WITHOUT-BEING-KILLED");
        store.close();
    }
}
