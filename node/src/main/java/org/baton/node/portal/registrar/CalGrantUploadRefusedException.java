package org.baton.node.portal.registrar;

/** The Cal Grant GPA upload was refused: this node may not upload (only a K-12 district uploads to CSAC). */
public final class CalGrantUploadRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int academicYear;

    public CalGrantUploadRefusedException(int academicYear, String reason, Throwable cause) {
        super("Cal Grant GPA upload for " + academicYear + "-" + (academicYear + 1) + " refused: " + reason, cause);
        this.academicYear = academicYear;
    }

    /** The academic year asked for. */
    public int academicYear() {
        return academicYear;
    }
}
