/**
 * Student and guardian pages (records, progress, the what-if planner) and the ports they read:
 * {@link org.baton.node.portal.student.StudentDirectory} (the record store) and
 * {@link org.baton.node.portal.student.ReadinessSource} (the readiness engine).
 */
package org.baton.node.portal.student;
