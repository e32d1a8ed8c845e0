package org.baton.node.synth;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The course catalog shared by every synthetic school: local course id, an illustrative 4-digit state course code
 * (in CALPADS-like ranges; not the official code set), title, a-g area, honors, discipline, sequence level and
 * category. High-school courses are yearlong (two semester grades) unless marked as a semester course.
 */
final class Catalog {

    /** One course of the catalog. */
    record Course(String id, String stateCode, String title, char area, boolean honors, String discipline,
            int sequence, String category, boolean yearlong, boolean optional) {

        boolean agCourse() {
            return area != 'N';
        }
    }

    /** A college course (dual enrollment) at the synthetic community college. */
    record CollegeCourse(String subject, String number, String title, char area, int units, String geArea) {

        String id() {
            return subject + " " + number;
        }
    }

    static final List<Course> COURSES = new ArrayList<>();
    static final Map<String, Course> BY_ID = new HashMap<>();

    private static void add(String id, String code, String title, char area, boolean honors, String discipline,
            int sequence, String category, boolean yearlong, boolean optional) {
        Course c = new Course(id, code, title, area, honors, discipline, sequence, category, yearlong, optional);
        COURSES.add(c);
        BY_ID.put(id, c);
    }

    static {
        // English (b)
        add("EN1001", "2101", "English 9", 'B', false, "", 0, "ACADEMIC", true, false);
        add("EN1101", "2111", "English 9 Honors", 'B', true, "", 0, "ACADEMIC", true, true);
        add("EN2001", "2102", "English 10", 'B', false, "", 0, "ACADEMIC", true, false);
        add("EN3001", "2103", "English 11", 'B', false, "", 0, "ACADEMIC", true, false);
        add("EN3101", "2170", "AP English Language and Composition", 'B', true, "", 0, "ACADEMIC", true, true);
        add("EN4001", "2104", "English 12", 'B', false, "", 0, "ACADEMIC", true, false);
        add("EN4002", "2105", "Expository Reading and Writing", 'B', false, "", 0, "ACADEMIC", true, false);
        add("EN4101", "2171", "AP English Literature and Composition", 'B', true, "", 0, "ACADEMIC", true, true);
        // Mathematics (c); sequence 1 Algebra I, 2 Geometry, 3 Algebra II, 4 beyond
        add("MA0701", "2400", "Mathematics 7", 'N', false, "", 0, "ACADEMIC", true, false);
        add("MA0801", "2401", "Mathematics 8", 'N', false, "", 0, "ACADEMIC", true, false);
        add("MA1001", "2403", "Algebra I", 'C', false, "", 1, "ACADEMIC", true, false);
        add("MA1501", "2413", "Geometry", 'C', false, "", 2, "ACADEMIC", true, false);
        add("MA2001", "2404", "Algebra II", 'C', false, "", 3, "ACADEMIC", true, false);
        add("MA2101", "2405", "Algebra II Honors", 'C', true, "", 3, "ACADEMIC", true, true);
        add("MA3001", "2414", "Precalculus", 'C', false, "", 4, "ACADEMIC", true, false);
        add("MA4001", "2480", "AP Calculus AB", 'C', true, "", 4, "ACADEMIC", true, true);
        add("MA4101", "2483", "AP Statistics", 'C', true, "", 4, "ACADEMIC", true, true);
        add("MA4201", "2445", "Statistics and Data Science", 'C', false, "", 4, "ACADEMIC", true, true);
        // Science (d)
        add("SC1001", "2603", "Biology", 'D', false, "BIOLOGY", 0, "ACADEMIC", true, false);
        add("SC1101", "2605", "Biology Honors", 'D', true, "BIOLOGY", 0, "ACADEMIC", true, true);
        add("SC1501", "2611", "Earth and Space Science", 'D', false, "EARTH_SPACE", 0, "ACADEMIC", true, false);
        add("SC2001", "2640", "Chemistry", 'D', false, "CHEMISTRY", 0, "ACADEMIC", true, false);
        add("SC2101", "2643", "AP Chemistry", 'D', true, "CHEMISTRY", 0, "ACADEMIC", true, true);
        add("SC3001", "2660", "Physics", 'D', false, "PHYSICS", 0, "ACADEMIC", true, false);
        add("SC3101", "2663", "AP Physics 1", 'D', true, "PHYSICS", 0, "ACADEMIC", true, true);
        add("SC4001", "2620", "AP Environmental Science", 'D', true, "INTEGRATED", 0, "ACADEMIC", true, true);
        // History / social science (a; economics is g)
        add("HI1001", "2703", "World History", 'A', false, "WORLD_HISTORY", 0, "ACADEMIC", true, false);
        add("HI1101", "2708", "AP World History", 'A', true, "WORLD_HISTORY", 0, "ACADEMIC", true, true);
        add("HI2001", "2704", "United States History", 'A', false, "US_HISTORY", 0, "ACADEMIC", true, false);
        add("HI2101", "2709", "AP United States History", 'A', true, "US_HISTORY", 0, "ACADEMIC", true, true);
        add("HI3001", "2705", "American Government", 'A', false, "CIVICS", 0, "ACADEMIC", false, false);
        add("HI3002", "2706", "Economics", 'G', false, "", 0, "ACADEMIC", false, false);
        // Languages other than English (e)
        add("SP0801", "2140", "Spanish 1", 'E', false, "SPANISH", 1, "ACADEMIC", true, false);
        add("SP1001", "2140", "Spanish 1", 'E', false, "SPANISH", 1, "ACADEMIC", true, false);
        add("SP2001", "2141", "Spanish 2", 'E', false, "SPANISH", 2, "ACADEMIC", true, false);
        add("SP3001", "2142", "Spanish 3", 'E', false, "SPANISH", 3, "ACADEMIC", true, false);
        add("SP4001", "2147", "AP Spanish Language and Culture", 'E', true, "SPANISH", 4, "ACADEMIC", true, true);
        add("FR1001", "2120", "French 1", 'E', false, "FRENCH", 1, "ACADEMIC", true, true);
        add("FR2001", "2121", "French 2", 'E', false, "FRENCH", 2, "ACADEMIC", true, true);
        add("FR3001", "2122", "French 3", 'E', false, "FRENCH", 3, "ACADEMIC", true, true);
        add("CH1001", "2160", "Mandarin 1", 'E', false, "MANDARIN", 1, "ACADEMIC", true, true);
        add("CH2001", "2161", "Mandarin 2", 'E', false, "MANDARIN", 2, "ACADEMIC", true, true);
        add("CH3001", "2162", "Mandarin 3", 'E', false, "MANDARIN", 3, "ACADEMIC", true, true);
        // Visual and performing arts (f)
        add("AR1001", "2300", "Art 1", 'F', false, "VISUAL_ARTS", 0, "ACADEMIC", true, false);
        add("AR2001", "2301", "Ceramics", 'F', false, "VISUAL_ARTS", 0, "ACADEMIC", true, true);
        add("MU1001", "2320", "Concert Band", 'F', false, "MUSIC", 0, "ACADEMIC", true, false);
        add("MU2001", "2321", "Choir", 'F', false, "MUSIC", 0, "ACADEMIC", true, true);
        add("TH1001", "2340", "Theatre Arts", 'F', false, "THEATRE", 0, "ACADEMIC", true, true);
        add("DA1001", "2360", "Dance", 'F', false, "DANCE", 0, "ACADEMIC", true, true);
        // College-preparatory electives (g)
        add("EL1001", "2750", "Psychology", 'G', false, "", 0, "ACADEMIC", true, false);
        add("EL1002", "2450", "Computer Science Principles", 'G', false, "", 0, "ACADEMIC", true, true);
        add("EL1003", "2190", "Journalism", 'G', false, "", 0, "ACADEMIC", true, true);
        add("EL1004", "2760", "Ethnic Studies", 'G', false, "", 0, "ACADEMIC", false, false);
        // Not a-g
        add("PE1001", "2801", "Physical Education 9", 'N', false, "", 0, "PHYSICAL_EDUCATION", true, false);
        add("PE2001", "2802", "Physical Education 10", 'N', false, "", 0, "PHYSICAL_EDUCATION", true, false);
        add("HE1001", "2810", "Health", 'N', false, "", 0, "ACADEMIC", false, false);
        add("YB1001", "9010", "Yearbook", 'N', false, "", 0, "NON_ACADEMIC", true, false);
        add("TA1001", "9020", "Teacher Aide", 'N', false, "", 0, "NON_ACADEMIC", true, false);
        add("RO1001", "9030", "JROTC", 'N', false, "", 0, "ROTC", true, true);
        add("RE1001", "9040", "Reading Intervention", 'N', false, "", 0, "REMEDIAL", true, false);
        add("WE1001", "9050", "Work Experience", 'N', false, "", 0, "NON_ACADEMIC", false, false);
    }

    /** Dual-enrollment courses of the community college (semester units, UC and CSU transferable). */
    static final List<CollegeCourse> COLLEGE_COURSES = List.of(
            new CollegeCourse("ENGL", "C1000", "Academic Reading and Writing", 'B', 400, "1A"),
            new CollegeCourse("COMM", "C1000", "Introduction to Public Speaking", 'G', 300, "1C"),
            new CollegeCourse("MATH", "C2000", "Elementary Statistics", 'C', 400, "2"),
            new CollegeCourse("MATH", "261", "Calculus I", 'C', 500, "2"),
            new CollegeCourse("PSYC", "C1000", "Introduction to Psychology", 'G', 300, "4"),
            new CollegeCourse("HIST", "11", "History of the United States I", 'A', 300, "4"),
            new CollegeCourse("SPAN", "1", "Elementary Spanish I", 'E', 500, "3B"),
            new CollegeCourse("ARTH", "110", "Art History: Prehistory to Gothic", 'F', 300, "3A"),
            new CollegeCourse("ETHS", "101", "Introduction to Ethnic Studies", 'G', 300, "6"),
            new CollegeCourse("BIOL", "3", "Introduction to Biology", 'D', 400, "5B"));

    /** Year Computer Science Principles was added to a school's a-g list (before, it is taught but not a-g). */
    static final int CS_PRINCIPLES_APPROVED_FROM = 2024;

    private Catalog() {
    }

    static Course course(String id) {
        Course c = BY_ID.get(id);
        if (c == null) {
            throw new IllegalArgumentException("no course " + id);
        }
        return c;
    }
}
