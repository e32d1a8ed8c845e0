package org.baton.node.portal.student;

import java.util.List;
import org.baton.node.student.StudentId;

/**
 * The top of every student page.
 *
 * @param ref        the student
 * @param name       display name
 * @param gradeLevel current grade level (13 for college)
 * @param eligible   an eligible student (18 or postsecondary)
 * @param tabs       the student pages this principal may open
 */
public record StudentHeader(StudentId ref, String name, int gradeLevel, boolean eligible, List<Tab> tabs) {

    public StudentHeader {
        tabs = List.copyOf(tabs);
    }

    /**
     * A tab.
     *
     * @param href    path
     * @param label   message key
     * @param current whether it is the current page
     */
    public record Tab(String href, String label, boolean current) {
    }
}
