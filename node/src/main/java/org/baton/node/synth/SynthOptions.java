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
 */
public record SynthOptions(int students, long seed, Path out, double errorRate, int districts,
        boolean collegeTranscripts) {

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
    }

    /** One district, the default error rate, college transcripts on. */
    public static SynthOptions of(int students, long seed, Path out) {
        return new SynthOptions(students, seed, out, DEFAULT_ERROR_RATE, 1, true);
    }

    public SynthOptions withErrorRate(double rate) {
        return new SynthOptions(students, seed, out, rate, districts, collegeTranscripts);
    }

    public SynthOptions withDistricts(int count) {
        return new SynthOptions(students, seed, out, errorRate, count, collegeTranscripts);
    }

    public SynthOptions withCollegeTranscripts(boolean write) {
        return new SynthOptions(students, seed, out, errorRate, districts, write);
    }
}
