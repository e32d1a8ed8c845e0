package org.baton.node.readiness;

import org.baton.node.readiness.AgResult.Credit;
import org.baton.node.readiness.rules.AgSubject;

/** An a-g credit while a system's areas are allocated: the result credit plus the allocation's bookkeeping. */
final class AgCredit {

    final Credit credit;
    final AgSubject area;
    final String discipline;
    private final Course course;
    final int semesters;
    final boolean omission;
    final boolean beforeSenior;
    /** Area (ordinal + 1) whose requirement counts this credit; 0 while unused. */
    int usedBy;
    /** Borrowed by another area's component (CSU: a world-history course of g counted in a). */
    boolean borrowed;
    /** Stamp of the component search currently holding this credit; 0 when free. */
    int matchStamp;

    AgCredit(Credit credit, String discipline, Course course, boolean omission) {
        this.credit = credit;
        this.area = credit.area();
        this.discipline = discipline;
        this.course = course;
        this.semesters = credit.semesters();
        this.omission = omission;
        this.beforeSenior = credit.beforeSeniorYear();
    }

    /** What "the same discipline" means for this credit: its discipline, else its course (two semesters of one course). */
    String groupKey() {
        return discipline != null ? discipline : course.courseKey();
    }
}
