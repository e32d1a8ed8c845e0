package org.baton.bench;

import java.util.Arrays;
import java.util.Collection;
import java.util.Objects;

/** Summaries of repeated runs. */
public final class Statistics {

    private Statistics() {
    }

    /** The median of {@code values} (the mean of the two middle values for an even count); refuses none. */
    public static double median(double... values) {
        Objects.requireNonNull(values, "values");
        if (values.length == 0) {
            throw new IllegalArgumentException("the median of no values is undefined");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The median of {@code values}. */
    public static double median(Collection<? extends Number> values) {
        Objects.requireNonNull(values, "values");
        return median(values.stream().mapToDouble(Number::doubleValue).toArray());
    }
}
