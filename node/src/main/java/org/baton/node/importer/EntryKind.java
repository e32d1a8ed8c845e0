package org.baton.node.importer;

/** What one fragment (one row's fact) adds to a student record. */
enum EntryKind {
    /** Identity and demographics ({@code StudentRecord.student}, facets per {@link StudentFacet}). */
    STUDENT,
    /** One {@code EligibilityFlag} in {@code student.eligibility}. */
    ELIGIBILITY,
    ENROLLMENT,
    /** A course as a protobuf fragment. */
    COURSE,
    /** A course from a CSV row, already in its protobuf wire form ({@link CourseWire}). */
    COURSE_RAW,
    GPA,
    AID,
    APPLICATION,
    AWARD,
    ARTIFACT,
    PROGRAM;

    /**
     * Flag (in the facets field of a non-student entry) for an entry derived from a row that is counted through
     * another entry: it is merged like any entry but never counted or reported on its own.
     */
    static final int DERIVED = 1 << 30;

    private static final EntryKind[] VALUES = values();

    static EntryKind ofCode(int code) {
        return VALUES[code];
    }
}
