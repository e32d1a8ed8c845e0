/**
 * The readiness rule tables: every number the readiness engine uses (minimum grades and GPAs, honors caps,
 * validation tables, unit counts, GE patterns, deadlines) as data, versioned by system and cohort or effective
 * term, each entry with its source.
 *
 * <p>The tables are YAML files under {@code org/baton/node/readiness/rules/} on the class path
 * ({@code uc.yaml}, {@code csu.yaml}, {@code cal-grant.yaml}, {@code transfer.yaml}, {@code deadlines.yaml},
 * {@code counseling.yaml}). {@link org.baton.node.readiness.rules.RuleBook#loadDefault()} reads them;
 * {@link org.baton.node.readiness.rules.RuleBook#load(java.nio.file.Path)} reads the same files from a directory,
 * so a rule change is a data change. Loading validates every entry and names the file, the path and the bad
 * value in a {@link org.baton.node.readiness.rules.RuleBookLoadException}.
 */
package org.baton.node.readiness.rules;
