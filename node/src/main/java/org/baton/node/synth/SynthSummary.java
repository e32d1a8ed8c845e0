package org.baton.node.synth;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What {@link SyntheticData#generate} wrote.
 *
 * @param students          students generated (not counting deliberate duplicates)
 * @param courseRows        SCSC rows written (every district)
 * @param rows              all CSV data rows written (every district, every file)
 * @param errors            deliberate errors injected (rows of {@code errors.csv})
 * @param districtDirs      one CALPADS-style extract directory per district, importable with {@code --format calpads}
 * @param districtIds       the districts' institution ids (CDS codes), in the order of {@code districtDirs}
 * @param collegeDir        the community college's PESC transcripts, importable with {@code --format pesc}
 * @param collegeId         the college's institution id (IPEDS)
 * @param collegeTranscripts transcripts written
 * @param elapsed           wall-clock time
 */
public record SynthSummary(long students, long courseRows, long rows, long errors, List<Path> districtDirs,
        List<String> districtIds, Path collegeDir, String collegeId, long collegeTranscripts, Duration elapsed) {

    public SynthSummary {
        districtDirs = List.copyOf(districtDirs);
        districtIds = List.copyOf(districtIds);
        Objects.requireNonNull(collegeDir, "collegeDir");
        Objects.requireNonNull(collegeId, "collegeId");
        Objects.requireNonNull(elapsed, "elapsed");
    }
}
