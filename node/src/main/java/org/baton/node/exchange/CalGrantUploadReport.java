package org.baton.node.exchange;

import java.util.List;
import org.baton.node.student.StudentId;

/**
 * What one run of the yearly Cal Grant GPA upload did.
 *
 * @param academicYear the academic year uploaded for (first calendar year: 2026 means 2026-27)
 * @param queued seniors whose GPA was signed and queued for CSAC in this run
 * @param alreadyUploaded seniors uploaded for this year by an earlier run (not sent again)
 * @param optedOut seniors whose family opted out (Ed Code 69432.9): not sent
 * @param withoutGpa seniors with no Cal Grant GPA to send: for the registrar to fix
 */
public record CalGrantUploadReport(int academicYear, List<ExchangeId> queued, int alreadyUploaded, int optedOut,
        List<StudentId> withoutGpa) {

    public CalGrantUploadReport {
        queued = List.copyOf(queued);
        withoutGpa = List.copyOf(withoutGpa);
    }
}
