package org.baton.tools.synth;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.baton.node.synth.SynthOptions;
import org.baton.node.synth.SynthSummary;
import org.baton.node.synth.SyntheticData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code baton synth --students N --seed S --out DIR [--error-rate R] [--districts D]}. */
@Command(name = "synth", mixinStandardHelpOptions = true,
        description = {
            "Writes synthetic California student data: districts with high and middle schools, a community",
            "college, students with 7th-12th grade course histories, enrollments, GPAs, FAFSA/CADAA status,",
            "college applications, awards and badges, as CALPADS-style CSV extracts (one directory per",
            "district) and PESC College Transcripts, plus errors.csv listing every deliberate data error.",
            "The same options always write the same bytes."})
public final class SynthCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--students", required = true, paramLabel = "N", description = "Students to generate.")
    int students;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(names = "--error-rate", defaultValue = "0.01", paramLabel = "R",
            description = "Share of students with one deliberate data error, 0 to 0.5 (default: ${DEFAULT-VALUE}).")
    double errorRate;

    @Option(names = "--districts", defaultValue = "1", paramLabel = "D",
            description = "Number of districts (default: ${DEFAULT-VALUE}).")
    int districts;

    @Option(names = "--no-college-transcripts", description = "Do not write the college's PESC transcripts.")
    boolean noCollegeTranscripts;

    @Override
    public Integer call() {
        SynthOptions options;
        try {
            options = new SynthOptions(students, seed, out, errorRate, districts, !noCollegeTranscripts);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter o = spec.commandLine().getOut();
        SynthSummary s;
        try {
            s = SyntheticData.generate(options);
        } catch (UncheckedIOException e) {
            spec.commandLine().getErr().println("synth failed: " + e.getMessage() + ": " + e.getCause().getMessage());
            return 1;
        }
        o.printf(Locale.ROOT, "wrote %d students (%d course rows, %d rows in all, %d deliberate errors) in %.1f s%n",
                s.students(), s.courseRows(), s.rows(), s.errors(), s.elapsed().toMillis() / 1000.0);
        for (int i = 0; i < s.districtDirs().size(); i++) {
            o.printf("district %s: %s   (baton import --format calpads --input %s)%n", s.districtIds().get(i),
                    s.districtDirs().get(i), s.districtDirs().get(i));
        }
        if (s.collegeTranscripts() > 0) {
            o.printf("college %s: %d PESC transcripts in %s   (baton import --format pesc --input %s)%n",
                    s.collegeId(), s.collegeTranscripts(), s.collegeDir(), s.collegeDir());
        }
        o.printf("deliberate errors: %s%n", out.resolve("errors.csv"));
        o.flush();
        return 0;
    }
}
