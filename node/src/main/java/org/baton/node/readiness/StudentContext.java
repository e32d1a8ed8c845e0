package org.baton.node.readiness;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.baton.node.readiness.rules.AgSubject;
import org.baton.node.readiness.rules.CounselingRules;
import org.baton.proto.v1.AgArea;
import org.baton.proto.v1.CollegeCourse;
import org.baton.proto.v1.CourseCategory;
import org.baton.proto.v1.CourseRecord;
import org.baton.proto.v1.Residency;
import org.baton.proto.v1.Student;
import org.baton.proto.v1.StudentRecord;
import org.baton.proto.v1.TermCalendar;
import org.baton.proto.v1.TermType;

/** A student's records read into the engine's working form: facts, checked courses, exclusions. */
final class StudentContext {

    private static final Comparator<Course> TERM_ORDER = (a, b) -> {
        if (a.termOrdinal != b.termOrdinal) {
            return Integer.compare(a.termOrdinal, b.termOrdinal);
        }
        if (a.segment != b.segment) {
            return Integer.compare(a.segment, b.segment);
        }
        return a.recordId.compareTo(b.recordId);
    };

    final StudentFacts facts;
    final List<StudentRecord> records;
    final List<Course> courses;
    final List<ExcludedRecord> excluded;
    final LocalDate asOf;
    final int currentAcademicYear;

    private StudentContext(StudentFacts facts, List<StudentRecord> records, List<Course> courses,
            List<ExcludedRecord> excluded, LocalDate asOf, int currentAcademicYear) {
        this.facts = facts;
        this.records = records;
        this.courses = courses;
        this.excluded = excluded;
        this.asOf = asOf;
        this.currentAcademicYear = currentAcademicYear;
    }

    static int academicYearOf(LocalDate date, MonthDay start) {
        return MonthDay.from(date).isBefore(start) ? date.getYear() - 1 : date.getYear();
    }

    /**
     * Reads the input's records, plus planned courses (what-if), into a context.
     */
    static StudentContext read(ReadinessInput input, List<CourseRecord> planned, CounselingRules counseling,
            Trail trail) {
        int currentYear = academicYearOf(input.asOf(), counseling.academicYearStart());
        Facts facts = facts(input.records(), currentYear, trail);

        List<Course> courses = new ArrayList<>(64);
        List<ExcludedRecord> excluded = new ArrayList<>();
        Map<String, String> seenRecords = new HashMap<>(128);
        Set<String> seenQualified = new HashSet<>();
        Map<String, Course> collegeCopies = new HashMap<>();
        Set<String> missingLists = new HashSet<>();
        Reader reader = new Reader(input.agLists(), facts.cohort, trail, excluded, missingLists);

        for (StudentRecord record : input.records()) {
            String holder = record.getStudent().getInstitutionId();
            List<CourseRecord> list = record.getCoursesList();
            for (int i = 0; i < list.size(); i++) {
                CourseRecord c = list.get(i);
                String institution = c.getInstitutionId().isEmpty() ? holder : c.getInstitutionId();
                String recordId = c.getRecordId().isEmpty() ? "#" + (i + 1) : c.getRecordId();
                String previous = seenRecords.putIfAbsent(recordId, institution);
                if (previous != null && (previous.equals(institution)
                        || !seenQualified.add(institution + "\u0000" + recordId))) {
                    trail.add(TrailScope.RECORDS, TrailCode.DUPLICATE_RECORD, recordId, recordId, institution);
                    continue;
                }
                Course course = reader.read(c, institution, recordId, false);
                if (course == null) {
                    continue;
                }
                if (course.college) {
                    String key = course.collegeId + "|" + course.localCourseId + "|" + course.termOrdinal + "|"
                            + course.segment;
                    Course earlier = collegeCopies.get(key);
                    if (earlier != null) {
                        Course kept = course.institutionId.equals(course.collegeId) ? course : earlier;
                        Course dropped = kept == course ? earlier : course;
                        trail.addMany(TrailScope.RECORDS, TrailCode.DUPLICATE_COLLEGE_COURSE,
                                List.of(kept.recordId, dropped.recordId), course.title, course.term, course.collegeId,
                                kept.institutionId);
                        // The college's record is the grade of record; the high school's listing may be the only
                        // one to say which a-g area the course meets.
                        Course articulated = kept.articulatedBy(dropped);
                        courses.remove(earlier);
                        collegeCopies.put(key, articulated);
                        courses.add(articulated);
                        continue;
                    }
                    collegeCopies.put(key, course);
                }
                courses.add(course);
            }
        }
        for (int i = 0; i < planned.size(); i++) {
            CourseRecord c = planned.get(i);
            String recordId = "plan:" + (c.getRecordId().isEmpty() ? String.valueOf(i + 1) : c.getRecordId());
            String institution = c.getInstitutionId().isEmpty() ? "plan" : c.getInstitutionId();
            Course course = reader.read(c, institution, recordId, true);
            if (course != null) {
                trail.add(TrailScope.RECORDS, TrailCode.PLANNED_COURSE, recordId, course.title, course.term,
                        course.mark.kind == Mark.Kind.PENDING ? "counted as in progress"
                                : "assumed grade " + course.mark);
                courses.add(course);
            }
        }
        courses.sort(TERM_ORDER);
        StudentFacts studentFacts = new StudentFacts(facts.cohort, facts.cohortAssumed, facts.gradeLevel,
                facts.residency, facts.optOut, List.copyOf(facts.institutions));
        return new StudentContext(studentFacts, input.records(), courses, excluded, input.asOf(), currentYear);
    }

    private static final class Facts {
        int cohort;
        boolean cohortAssumed;
        int gradeLevel;
        Residency residency = Residency.RESIDENCY_UNSPECIFIED;
        boolean optOut;
        final Set<String> institutions = new LinkedHashSet<>();
    }

    private static Facts facts(List<StudentRecord> records, int currentYear, Trail trail) {
        Facts f = new Facts();
        int k12Cohort = 0;
        int anyCohort = 0;
        int k12Grade = 0;
        int anyGrade = 0;
        for (StudentRecord record : records) {
            Student s = record.getStudent();
            if (!s.getInstitutionId().isEmpty()) {
                f.institutions.add(s.getInstitutionId());
            }
            boolean k12 = s.getGradeLevel() >= 7 && s.getGradeLevel() <= 12 || s.getInstitutionId().length() == 14;
            if (s.getCohortYear() > 0) {
                if (k12 && k12Cohort == 0) {
                    k12Cohort = s.getCohortYear();
                }
                if (anyCohort == 0) {
                    anyCohort = s.getCohortYear();
                }
            }
            if (s.getGradeLevel() > 0) {
                if (k12 && k12Grade == 0) {
                    k12Grade = s.getGradeLevel();
                }
                anyGrade = Math.max(anyGrade, s.getGradeLevel());
            }
            if (f.residency == Residency.RESIDENCY_UNSPECIFIED && s.getResidency() != Residency.UNRECOGNIZED) {
                f.residency = s.getResidency();
            }
            f.optOut |= s.getCalGrantGpaOptOut();
        }
        f.cohort = k12Cohort != 0 ? k12Cohort : anyCohort;
        // A college record (grade 13) says the student has left high school, whatever grade a K-12 record last gave.
        f.gradeLevel = anyGrade == Course.COLLEGE_LEVEL ? anyGrade : (k12Grade != 0 ? k12Grade : anyGrade);
        if (f.cohort == 0 && f.gradeLevel >= 7 && f.gradeLevel <= 12) {
            f.cohort = currentYear + (12 - f.gradeLevel) + 1;
            f.cohortAssumed = true;
            trail.add(TrailScope.RECORDS, TrailCode.COHORT_UNKNOWN, null, f.cohort,
                    "grade level " + f.gradeLevel + " in " + currentYear + "-" + (currentYear + 1));
        }
        if (f.gradeLevel == 0 && f.cohort > 0) {
            int derived = 12 - (f.cohort - 1 - currentYear);
            f.gradeLevel = derived > 12 ? Course.COLLEGE_LEVEL : Math.max(derived, 0);
        }
        return f;
    }

    /** Reads single course records; shared state for one student. */
    private static final class Reader {
        private final AgCourseLists lists;
        private final int cohort;
        private final Trail trail;
        private final List<ExcludedRecord> excluded;
        private final Set<String> missingLists;
        private String lastSchool;
        private int lastYear;
        private Optional<AgCourseList> lastList = Optional.empty();
        private boolean lastMissingNoted;
        private final Course.Builder scratch = new Course.Builder();

        Reader(AgCourseLists lists, int cohort, Trail trail, List<ExcludedRecord> excluded, Set<String> missingLists) {
            this.lists = lists;
            this.cohort = cohort;
            this.trail = trail;
            this.excluded = excluded;
            this.missingLists = missingLists;
        }

        private Course exclude(String institution, String recordId, String reason) {
            excluded.add(new ExcludedRecord(institution, recordId, reason));
            trail.add(TrailScope.RECORDS, TrailCode.RECORD_EXCLUDED, recordId, recordId, institution, reason);
            return null;
        }

        Course read(CourseRecord c, String institution, String recordId, boolean planned) {
            Mark mark = Mark.parse(c.getLetterGrade());
            if (mark == null) {
                return exclude(institution, recordId, "grade '" + c.getLetterGrade()
                        + "' is not one of A+..F, P, NP, CR, NC, I, W, IP");
            }
            if (!c.hasTerm() || c.getTerm().getAcademicYear() < 1900 || c.getTerm().getAcademicYear() > 2999) {
                return exclude(institution, recordId, "the term has no academic year");
            }
            if (c.getSegment() < 0 || c.getSegment() > 2) {
                return exclude(institution, recordId, "segment " + c.getSegment() + " is not 0, 1 or 2");
            }
            if (c.getSequenceLevel() < 0) {
                return exclude(institution, recordId, "sequence level " + c.getSequenceLevel() + " is negative");
            }
            Course.Builder b = scratch.reset();
            b.recordId = recordId;
            b.institutionId = institution;
            b.title = c.getTitle().isEmpty() ? (c.getLocalCourseId().isEmpty() ? recordId : c.getLocalCourseId())
                    : c.getTitle();
            b.schoolCode = c.getSchoolCode();
            b.localCourseId = c.getLocalCourseId().isEmpty() ? b.title : c.getLocalCourseId();
            b.academicYear = c.getTerm().getAcademicYear();
            TermType type = c.getTerm().getType();
            if (type == TermType.TERM_TYPE_UNSPECIFIED || type == TermType.UNRECOGNIZED) {
                trail.add(TrailScope.RECORDS, TrailCode.TERM_TYPE_UNKNOWN, recordId, b.title, b.academicYear);
                type = TermType.SPRING;
            }
            b.termType = type;
            b.mark = mark;
            b.discipline = c.getDiscipline().isEmpty() ? null : c.getDiscipline();
            b.level = c.getSequenceLevel();
            b.category = c.getCategory();
            b.segment = c.getSegment();
            b.planned = planned;
            b.college = c.hasCollege();
            if (b.college) {
                CollegeCourse college = c.getCollege();
                if (college.getUnits() < 0) {
                    return exclude(institution, recordId, "negative college units " + college.getUnits());
                }
                b.collegeId = college.getInstitutionId().isEmpty() ? institution : college.getInstitutionId();
                b.units = college.getUnits();
                b.unitSystem = college.getUnitSystem() == TermCalendar.QUARTER ? TermCalendar.QUARTER
                        : TermCalendar.SEMESTER;
                b.ucTransferable = college.getUcTransferable();
                b.csuTransferable = college.getCsuTransferable();
                b.dualEnrollment = college.getDualEnrollment();
                b.appliesToMajor = college.getAppliesToMajor();
                b.geAreas = college.getGeAreasList();
                b.ucPatternAreas = college.getUcPatternAreasList();
                b.area = AgSubject.fromProto(c.getAgArea()).orElse(null);
            }
            int grade = c.getGradeLevel();
            if (grade < 7 || grade > 12) {
                boolean highSchoolCourse = !b.college || b.dualEnrollment;
                if (highSchoolCourse && cohort > 0) {
                    int derived = b.academicYear - cohort + 13;
                    if (derived >= 7 && derived <= 12) {
                        trail.add(TrailScope.RECORDS, TrailCode.GRADE_LEVEL_DERIVED, recordId, b.title, new Course.Term(
                                b.academicYear, b.termType), derived, cohort);
                        grade = derived;
                    } else {
                        grade = derived > 12 && b.college ? Course.COLLEGE_LEVEL : -1;
                    }
                } else {
                    grade = b.college ? Course.COLLEGE_LEVEL : -1;
                }
                if (grade < 0) {
                    return exclude(institution, recordId, "grade level " + c.getGradeLevel()
                            + " is not 7-12 and cannot be derived from a cohort");
                }
            }
            b.gradeLevel = grade;
            b.category = c.getCategory();
            if (!b.college) {
                readAgList(c, b);
            }
            return new Course(b);
        }

        private void readAgList(CourseRecord c, Course.Builder b) {
            AgSubject recordArea = AgSubject.fromProto(c.getAgArea()).orElse(null);
            if (!b.schoolCode.equals(lastSchool) || b.academicYear != lastYear) {
                lastSchool = b.schoolCode;
                lastYear = b.academicYear;
                lastList = lists.find(b.schoolCode, b.academicYear);
                lastMissingNoted = false;
            }
            Optional<AgCourseList> list = lastList;
            if (list.isEmpty()) {
                b.area = recordArea;
                b.honors = c.getHonors();
                if (recordArea != null && !lastMissingNoted
                        && (lastMissingNoted = missingLists.add(b.schoolCode + "|" + b.academicYear))) {
                    trail.add(TrailScope.RECORDS, TrailCode.AG_LIST_MISSING, null,
                            b.schoolCode.isEmpty() ? "(no school code)" : b.schoolCode,
                            b.academicYear + "-" + (b.academicYear + 1));
                }
                return;
            }
            Optional<AgCourseList.Listing> listing = list.get().find(b.localCourseId);
            String year = b.academicYear + "-" + (b.academicYear + 1);
            if (listing.isEmpty()) {
                b.area = null;
                b.honors = false;
                if (recordArea != null) {
                    trail.add(TrailScope.RECORDS, TrailCode.AG_LIST_NOT_LISTED, b.recordId, b.title, b.localCourseId,
                            b.schoolCode, year, TrailFacts.AreaFlag.of(recordArea, c.getHonors()));
                }
                return;
            }
            b.area = listing.get().area();
            b.honors = listing.get().honors();
            if (recordArea != b.area || c.getHonors() != b.honors) {
                trail.add(TrailScope.RECORDS, TrailCode.AG_LIST_DIFFERS, b.recordId, b.title, b.localCourseId,
                        b.schoolCode, year, TrailFacts.AreaFlag.of(b.area, b.honors),
                        c.getAgArea() == AgArea.AG_NONE || recordArea == null ? TrailFacts.AreaFlag.none()
                                : TrailFacts.AreaFlag.of(recordArea, c.getHonors()));
            }
        }
    }

    /** Whether a category counts as academic for the Cal Grant GPA rules (unspecified is reported, then counted). */
    static boolean categoryKnown(CourseCategory category) {
        return category != CourseCategory.COURSE_CATEGORY_UNSPECIFIED && category != CourseCategory.UNRECOGNIZED;
    }
}
