/**
 * Caseload and school views: for a counselor's students (or a whole school), who is off track and why, sortable
 * and filterable. {@link org.baton.node.readiness.caseload.Caseload#evaluate} evaluates every student once and
 * keeps one compact {@link org.baton.node.readiness.caseload.CaseloadRow} per student; queries then filter and
 * sort those rows without evaluating again.
 */
package org.baton.node.readiness.caseload;
