/**
 * Readiness: whether a student is on track for UC, CSU, a Cal Grant or transfer, and why.
 *
 * <p>{@link org.baton.node.readiness.ReadinessEngine} evaluates a student's records (the node's own and those
 * received from other institutions) against the rule tables of {@link org.baton.node.readiness.rules.RuleBook}:
 * UC and CSU a-g status per area with the exact courses used, validations and repeats; the UC, CSU and Cal Grant
 * GPAs beside the institution's reported ones; community-college transfer progress; financial-aid and application
 * status with the next deadlines; and what-if projections for planned courses. Every decision is an entry of the
 * report's explanation trail ({@link org.baton.node.readiness.TrailEntry}) a counselor can read.
 *
 * <p>The engine is pure: it reads no clock (the evaluation date is part of the input), no files and no store,
 * and never logs record contents. It is safe to share between threads.
 */
package org.baton.node.readiness;
