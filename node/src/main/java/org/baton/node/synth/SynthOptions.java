package org.baton.node.synth;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What to generate.
 *
 * @param students           students to generate (spread over the districts), at least 1
 * @param seed               the random seed: the same options give byte-identical output
 * @param out                the output directory (created; existing files of the same names are replaced)
 * @param errorRate          share of students given one deliberate data error, 0 to 0.5
 * @param districts          number of districts, at least 1 and at most {@code students}
 * @param collegeTranscripts whether to write the community college's PESC transcripts of dual-enrollment students
 * @param firstDistrictId    the first district's CDS code (14 digits ending in 7 zeros); empty for a generated one
 * @param collegeId          the community college's IPEDS id (6 digits); empty for a generated one
 */
public record SynthOptions(int students, long seed, Path out, double errorRate, int districts,
        boolean collegeTranscripts, String firstDistrictId, String collegeId) {

    /** The share of students with a deliberate error when not set otherwise. */
    public static final double DEFAULT_ERROR_RATE = 0.01;

    public SynthOptions {
        Objects.requireNonNull(out, "out");
        if (students < 1) {
            throw new IllegalArgumentException("students must be at least 1, was " + students);
        }
        if (!(errorRate >= 0 && errorRate <= 0.5)) {
            throw new IllegalArgumentException("errorRate must be between 0 and 0.5, was " + errorRate);
        }
        if (districts < 1 || districts > students) {
            throw new IllegalArgumentException("districts must be between 1 and the number of students, was "
                    + districts);
        }
        Objects.requireNonNull(firstDistrictId, "firstDistrictId");
        Objects.requireNonNull(collegeId, "collegeId");
        if (!firstDistrictId.isEmpty() && !firstDistrictId.matches("\\d{7}0000000")) {
            throw new IllegalArgumentException("firstDistrictId must be a district CDS code (14 digits ending in "
                    + "0000000), was '" + firstDistrictId + "'");
        }
        if (!collegeId.isEmpty() && !collegeId.matches("\\d{6}")) {
            throw new IllegalArgumentException("collegeId must be a 6-digit IPEDS id, was '" + collegeId + "'");
        }
    }

    /** Options with generated institution ids. */
    public SynthOptions(int students, long seed, Path out, double errorRate, int districts,
            boolean collegeTranscripts) {
        this(students, seed, out, errorRate, districts, collegeTranscripts, "", "");
    }

    /** One district, the default error rate, college transcripts on. */
    public static SynthOptions of(int students, long seed, Path out) {
        return new SynthOptions(students, seed, out, DEFAULT_ERROR_RATE, 1, true);
    }

    public SynthOptions withErrorRate(double rate) {
        return new SynthOptions(students, seed, out, rate, districts, collegeTranscripts, firstDistrictId, collegeId);
    }

    public SynthOptions withDistricts(int count) {
        return new SynthOptions(students, seed, out, errorRate, count, collegeTranscripts, firstDistrictId, collegeId);
    }

    public SynthOptions withCollegeTranscripts(boolean write) {
        return new SynthOptions(students, seed, out, errorRate, districts, write, firstDistrictId, collegeId);
    }

    /**
     * These options with fixed institution ids (e.g. those of a consortium the data is loaded into); the rest of
     * the output is as without them.
     */
    public SynthOptions withInstitutionIds(String firstDistrict, String college) {
        return new SynthOptions(students, seed, out, errorRate, districts, collegeTranscripts, firstDistrict, college);
    }
}
