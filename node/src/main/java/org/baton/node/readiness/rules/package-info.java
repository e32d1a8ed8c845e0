/**
 * The readiness rule tables: every number the readiness engine uses (minimum grades and GPAs, honors caps,
 * validation tables, unit counts, GE patterns, deadlines) as data, versioned by system and cohort or effective
 * term, each entry with its source.
 *
 * <h2>Files</h2>
 * Six YAML files under {@code org/baton/node/readiness/rules/} on the class path:
 * <ul>
 *   <li>{@code uc.yaml}, {@code csu.yaml} ({@link org.baton.node.readiness.rules.AdmissionRules}): {@code system}
 *       and {@code versions}, each version with {@code cohortFrom} (the first high-school graduating class it
 *       applies to), {@code ag} (grades, pass/credit windows, 7th/8th grade, college courses, courses before the
 *       senior year, repeats, and per area {@code a}..{@code g}: years, components, caps and, for math and LOTE,
 *       the validation table per sequence level) and {@code gpa} (named windows and the default one, points,
 *       honors caps, college-course weight, rounding, minimums).</li>
 *   <li>{@code cal-grant.yaml} ({@link org.baton.node.readiness.rules.CalGrantRules}): versions by
 *       {@code cohortFrom}: window, points, excluded course categories, repeats, rounding, award minimums.</li>
 *   <li>{@code transfer.yaml} ({@link org.baton.node.readiness.rules.TransferRules}): versions by
 *       {@code effectiveFrom} term: college grade points, unit conversion, ADT, UC transfer, TAG campuses,
 *       the Cal-GETC start term, and the GE patterns (Cal-GETC, IGETC, CSU GE-Breadth, UC seven-course) as slots
 *       plus group constraints (distinct disciplines or areas, a required lab area, minimum units).</li>
 *   <li>{@code deadlines.yaml} ({@link org.baton.node.readiness.rules.DeadlineRules}): one entry per
 *       {@link org.baton.node.readiness.rules.DeadlineKind}: a month-day anchored to the award year, the senior
 *       year or the college entry year, an optional opening date, and per-year {@code overrides}.</li>
 *   <li>{@code counseling.yaml} ({@link org.baton.node.readiness.rules.CounselingRules}): Baton's own caseload
 *       thresholds (not UC/CSU/CSAC rules).</li>
 * </ul>
 *
 * <h2>Versions</h2>
 * A version applies from its key (cohort year or term) until the next version's key; a student before the
 * earliest version gets the earliest, and the explanation trail says so. Rules that depend on when a course was
 * taken rather than on the cohort (the 2020-21 pass/credit window, the fall-2025 Algebra II validation change)
 * carry their terms inside a version.
 *
 * <h2>Changing a rule</h2>
 * Edit the YAML (or add a version, or a deadline override) and add a test showing the new outcome; no code
 * changes. {@link org.baton.node.readiness.rules.RuleBook#loadDefault()} reads the shipped tables;
 * {@link org.baton.node.readiness.rules.RuleBook#load(java.nio.file.Path)} reads the same six files from a
 * directory. Every entry is validated on load: unknown keys, missing sources, impossible values and missing
 * deadlines fail with a {@link org.baton.node.readiness.rules.RuleBookLoadException} naming the file, the key
 * path and the line.
 */
package org.baton.node.readiness.rules;
