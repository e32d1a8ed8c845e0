package org.baton.node.synth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/** Generates a synthetic California (see the package documentation). */
public final class SyntheticData {

    private SyntheticData() {
    }

    /**
     * Writes the synthetic data set described by {@code options}.
     *
     * @throws UncheckedIOException when the output cannot be written
     */
    public static SynthSummary generate(SynthOptions options) {
        Objects.requireNonNull(options, "options");
        try {
            return new Generator(options).run();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write synthetic data to " + options.out(), e);
        }
    }
}
