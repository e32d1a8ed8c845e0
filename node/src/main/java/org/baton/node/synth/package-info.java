/**
 * A synthetic California for tests and benchmarks: districts with high and middle schools (plausible CDS codes),
 * a community college, and students with SSIDs, names, demographics, 7th-12th grade course histories,
 * enrollments, GPAs, FAFSA/CADAA statuses, college applications, awards and badges, written as the CALPADS-style
 * CSV extracts the importer reads (and PESC College Transcripts for the college). Deterministic for a seed.
 * A configurable share of students carries a deliberate data error, listed in {@code errors.csv}.
 *
 * <p>Entry point: {@link org.baton.node.synth.SyntheticData#generate}.
 */
package org.baton.node.synth;
