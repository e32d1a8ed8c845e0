/**
 * Identity of a student inside one institution node: the node-assigned {@link org.baton.node.student.StudentId},
 * the statewide {@link org.baton.node.student.Ssid} and the institution-local ids
 * ({@link org.baton.node.student.LocalStudentId}). Every feature (store, importer, exchange, portal) passes these
 * typed values across its boundaries instead of bare strings.
 */
package org.baton.node.student;
