package org.baton.tools.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.baton.proto.v1.AgArea;
import org.baton.proto.v1.CollegeCourse;
import org.baton.proto.v1.CourseCategory;
import org.baton.proto.v1.CourseRecord;
import org.baton.proto.v1.Residency;
import org.baton.proto.v1.Student;
import org.baton.proto.v1.StudentRecord;
import org.baton.proto.v1.Term;
import org.baton.proto.v1.TermCalendar;
import org.baton.proto.v1.TermType;

/**
 * Realistic synthetic high-school transcripts for benchmarks: four years of six or seven yearlong courses
 * (about 44-52 semester grades), a-g and non-a-g, honors and AP courses, occasional D/F grades and repeats,
 * a summer course, a dual-enrollment college course, the senior year in progress. Deterministic for a seed.
 */
final class SyntheticTranscripts {

    static final String DISTRICT = "19647330000000";
    static final String SCHOOL = "19647331930106";
    static final String COLLEGE = "117274";

    private static final String[] GRADES = {"A", "A", "A-", "B+", "B", "B", "B-", "C+", "C", "C", "C-", "D", "F"};

    private SyntheticTranscripts() {
    }

    /** One student of a cohort, from a seed. */
    static StudentRecord student(long seed, int cohort) {
        SplittableRandom random = new SplittableRandom(seed);
        StudentRecord.Builder record = StudentRecord.newBuilder();
        record.setStudent(Student.newBuilder().setInstitutionId(DISTRICT).setCohortYear(cohort).setGradeLevel(12)
                .setResidency(random.nextInt(10) == 0 ? Residency.NON_RESIDENT : Residency.CALIFORNIA_RESIDENT));
        List<CourseRecord> courses = new ArrayList<>(56);
        int strength = random.nextInt(4); // 0 strongest
        for (int grade = 9; grade <= 12; grade++) {
            int year = cohort - 13 + grade;
            boolean inProgress = grade == 12;
            yearlong(courses, random, "ENG" + grade, "English " + grade, AgArea.AG_B_ENGLISH, grade, year, "",
                    grade - 8 > 0 ? 0 : 0, strength, inProgress, grade >= 11 && random.nextBoolean());
            if (grade <= 11) {
                yearlong(courses, random, "MATH" + (grade - 8), mathTitle(grade), AgArea.AG_C_MATH, grade, year, "",
                        grade - 8, strength, inProgress, grade == 11 && strength == 0);
            } else {
                yearlong(courses, random, "PRECALC", "Precalculus", AgArea.AG_C_MATH, grade, year, "", 4, strength,
                        inProgress, false);
            }
            switch (grade) {
                case 9 -> {
                    yearlong(courses, random, "BIO", "Biology", AgArea.AG_D_SCIENCE, grade, year, "BIOLOGY", 0, strength,
                            inProgress, false);
                    yearlong(courses, random, "SPAN1", "Spanish 1", AgArea.AG_E_LANGUAGE, grade, year, "SPANISH", 1,
                            strength, inProgress, false);
                }
                case 10 -> {
                    yearlong(courses, random, "CHEM", "Chemistry", AgArea.AG_D_SCIENCE, grade, year, "CHEMISTRY", 0,
                            strength, inProgress, strength == 0);
                    yearlong(courses, random, "WHIST", "World History", AgArea.AG_A_HISTORY, grade, year,
                            "WORLD_HISTORY", 0, strength, inProgress, strength <= 1);
                    yearlong(courses, random, "SPAN2", "Spanish 2", AgArea.AG_E_LANGUAGE, grade, year, "SPANISH", 2,
                            strength, inProgress, false);
                }
                case 11 -> {
                    yearlong(courses, random, "USHIST", "US History", AgArea.AG_A_HISTORY, grade, year, "US_HISTORY", 0,
                            strength, inProgress, strength <= 1);
                    yearlong(courses, random, "PHYS", "Physics", AgArea.AG_D_SCIENCE, grade, year, "PHYSICS", 0,
                            strength, inProgress, strength == 0);
                    yearlong(courses, random, "ART", "Studio Art", AgArea.AG_F_ARTS, grade, year, "VISUAL_ARTS", 0,
                            strength, inProgress, false);
                }
                default -> {
                    yearlong(courses, random, "GOV", "Government / Economics", AgArea.AG_A_HISTORY, grade, year, "CIVICS",
                            0, strength, inProgress, false);
                    yearlong(courses, random, "PSY", "Psychology", AgArea.AG_G_ELECTIVE, grade, year, "", 0, strength,
                            inProgress, false);
                }
            }
            yearlong(courses, random, "PE" + grade, "Physical Education", AgArea.AG_NONE, grade, year, "", 0, 0,
                    inProgress, false, CourseCategory.PHYSICAL_EDUCATION);
            if (grade <= 10) {
                yearlong(courses, random, "ELEC" + grade, "Elective " + grade, AgArea.AG_NONE, grade, year, "", 0,
                        strength, inProgress, false, CourseCategory.NON_ACADEMIC);
            }
        }
        // A summer course after 10th grade, and (one student in three) a dual-enrollment college course in 11th.
        courses.add(course("HEALTH-S", "Health (summer)", AgArea.AG_NONE, 10, cohort - 3, TermType.SUMMER, 0, "",
                0, grade(random, strength), false, CourseCategory.ACADEMIC).build());
        if (random.nextInt(3) == 0) {
            courses.add(course("PSYC 1", "General Psychology", AgArea.AG_G_ELECTIVE, 11, cohort - 2, TermType.SPRING,
                    0, "PSYCHOLOGY", 0, grade(random, strength), false, CourseCategory.ACADEMIC)
                    .setInstitutionId(COLLEGE).setSchoolCode(COLLEGE)
                    .setCollege(CollegeCourse.newBuilder().setInstitutionId(COLLEGE).setUnits(300)
                            .setUnitSystem(TermCalendar.SEMESTER).setUcTransferable(true).setCsuTransferable(true)
                            .setDualEnrollment(true)).build());
        }
        // A failed semester repeated the next summer (same course, same semester).
        for (CourseRecord c : List.copyOf(courses)) {
            if (c.getLetterGrade().equals("F") && c.getGradeLevel() <= 11 && c.getAgArea() != AgArea.AG_NONE) {
                courses.add(c.toBuilder().setRecordId(c.getRecordId() + "|R")
                        .setTerm(Term.newBuilder().setAcademicYear(c.getTerm().getAcademicYear()).setType(TermType.SUMMER))
                        .setLetterGrade("C").build());
                break;
            }
        }
        return record.addAllCourses(courses).build();
    }

    private static String mathTitle(int grade) {
        return switch (grade) {
            case 9 -> "Algebra I";
            case 10 -> "Geometry";
            default -> "Algebra II";
        };
    }

    private static String grade(SplittableRandom random, int strength) {
        int i = Math.min(GRADES.length - 1, random.nextInt(5) + strength * 2);
        return GRADES[i];
    }

    private static void yearlong(List<CourseRecord> out, SplittableRandom random, String id, String title, AgArea area,
            int grade, int year, String discipline, int level, int strength, boolean inProgress, boolean honors) {
        yearlong(out, random, id, title, area, grade, year, discipline, level, strength, inProgress, honors,
                CourseCategory.ACADEMIC);
    }

    private static void yearlong(List<CourseRecord> out, SplittableRandom random, String id, String title, AgArea area,
            int grade, int year, String discipline, int level, int strength, boolean inProgress, boolean honors,
            CourseCategory category) {
        for (int segment = 1; segment <= 2; segment++) {
            String letter = inProgress ? "IP" : grade(random, strength);
            out.add(course(id, honors ? "Honors " + title : title, area, grade, year,
                    segment == 1 ? TermType.FALL : TermType.SPRING, segment, discipline, level, letter, honors,
                    category).build());
        }
    }

    private static CourseRecord.Builder course(String id, String title, AgArea area, int grade, int year, TermType type,
            int segment, String discipline, int level, String letter, boolean honors, CourseCategory category) {
        return CourseRecord.newBuilder()
                .setRecordId(id + "|" + year + type.name().charAt(0) + "|" + segment)
                .setInstitutionId(DISTRICT)
                .setSchoolCode(SCHOOL)
                .setLocalCourseId(id)
                .setTitle(title)
                .setTerm(Term.newBuilder().setAcademicYear(year).setType(type).setCalendar(TermCalendar.SEMESTER))
                .setGradeLevel(grade)
                .setCreditsAttempted(500)
                .setCreditsEarned(letter.equals("F") ? 0 : 500)
                .setLetterGrade(letter)
                .setAgArea(area)
                .setHonors(honors)
                .setDiscipline(discipline)
                .setSequenceLevel(level)
                .setCategory(category)
                .setSegment(segment);
    }
}
