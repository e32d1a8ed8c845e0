package org.baton.node.synth;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * PESC College Transcript v1.6.0 documents (CoreMain v1.14.0, AcademicRecord v1.9.0) for the synthetic community
 * college: Person, one AcademicRecord with the cumulative GPA and one AcademicSession per term.
 */
final class PescTranscripts {

    static final String COLLEGE_NS = "urn:org:pesc:message:CollegeTranscript:v1.6.0";
    static final String ACREC_NS = "urn:org:pesc:sector:AcademicRecord:v1.9.0";
    static final String CORE_NS = "urn:org:pesc:core:CoreMain:v1.14.0";

    /** One college grade: the course, the academic year and HS-style term code (S1 fall, S2 spring), the grade. */
    record Grade(Catalog.CollegeCourse course, int year, String term, String letter) {
    }

    private PescTranscripts() {
    }

    static String collegeTranscript(String collegeId, String collegeName, String districtId, String districtName,
            String studentId, String ssid, String first, String middle, String last, String birth, String gender,
            List<Grade> grades) {
        StringBuilder x = new StringBuilder(4096);
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.append("<ColTrn:CollegeTranscript xmlns:ColTrn=\"").append(COLLEGE_NS).append("\" xmlns:AcRec=\"")
                .append(ACREC_NS).append("\" xmlns:core=\"").append(CORE_NS).append("\">\n");
        x.append("  <TransmissionData>\n");
        el(x, 4, "DocumentID", collegeId + "-" + studentId);
        el(x, 4, "CreatedDateTime", (Generator.LAST_YEAR + 1) + "-06-30T12:00:00-07:00");
        el(x, 4, "DocumentTypeCode", "StudentRequest");
        el(x, 4, "TransmissionType", "Original");
        x.append("    <Source>\n      <Organization>\n");
        el(x, 8, "IPEDS", collegeId);
        el(x, 8, "OrganizationName", collegeName);
        x.append("      </Organization>\n    </Source>\n");
        x.append("    <Destination>\n      <Organization>\n");
        el(x, 8, "MutuallyDefined", districtId);
        el(x, 8, "OrganizationName", districtName);
        x.append("      </Organization>\n    </Destination>\n");
        x.append("  </TransmissionData>\n");
        x.append("  <Student>\n    <Person>\n");
        el(x, 6, "SchoolAssignedPersonID", studentId);
        x.append("      <AgencyIdentifier>\n");
        el(x, 8, "AgencyAssignedID", ssid);
        el(x, 8, "AgencyCode", "State");
        el(x, 8, "AgencyName", "CALPADS");
        el(x, 8, "StateProvinceCode", "CA");
        x.append("      </AgencyIdentifier>\n");
        x.append("      <Birth>\n");
        el(x, 8, "BirthDate", birth);
        x.append("      </Birth>\n      <Name>\n");
        el(x, 8, "FirstName", first);
        if (!middle.isEmpty()) {
            el(x, 8, "MiddleName", middle);
        }
        el(x, 8, "LastName", last);
        x.append("      </Name>\n      <Gender>\n");
        el(x, 8, "GenderCode", "F".equals(gender) ? "Female" : "M".equals(gender) ? "Male" : "Unreported");
        x.append("      </Gender>\n    </Person>\n");
        x.append("    <AcademicRecord>\n");

        long qualityHundredths = 0;
        long units = 0;
        long earned = 0;
        for (Grade g : grades) {
            units += g.course().units();
            if (!"F".equals(g.letter())) {
                earned += g.course().units();
            }
            qualityHundredths += (long) qualityPoints(g.letter()) * g.course().units();
        }
        x.append("      <AcademicSummary>\n");
        el(x, 8, "AcademicSummaryType", "All");
        el(x, 8, "AcademicSummaryLevel", "Undergraduate");
        x.append("        <GPA>\n");
        el(x, 10, "CreditHoursAttempted", decimal(units));
        el(x, 10, "CreditHoursEarned", decimal(earned));
        el(x, 10, "CreditUnit", "Semester");
        el(x, 10, "GradePointAverage", units == 0 ? "0" : String.format(Locale.ROOT, "%.3f",
                qualityHundredths / 100.0 / units));
        x.append("        </GPA>\n      </AcademicSummary>\n");

        Map<String, List<Grade>> sessions = new TreeMap<>();
        for (Grade g : grades) {
            sessions.computeIfAbsent(designator(g), k -> new java.util.ArrayList<>()).add(g);
        }
        for (Map.Entry<String, List<Grade>> s : sessions.entrySet()) {
            Grade any = s.getValue().get(0);
            boolean fall = "S1".equals(any.term());
            x.append("      <AcademicSession>\n        <AcademicSessionDetail>\n");
            el(x, 10, "SessionDesignator", s.getKey());
            el(x, 10, "SessionName", (fall ? "Fall " + any.year() : "Spring " + (any.year() + 1)));
            el(x, 10, "SessionType", "Semester");
            x.append("        </AcademicSessionDetail>\n");
            x.append("        <StudentLevel>\n");
            el(x, 10, "StudentLevelCode", "CollegeFirstYear");
            x.append("        </StudentLevel>\n");
            for (Grade g : s.getValue()) {
                x.append("        <Course>\n");
                el(x, 10, "CourseCreditBasis", "HighSchoolDualCredit");
                el(x, 10, "CourseCreditUnits", "Semester");
                el(x, 10, "CourseCreditLevel", "LowerDivision");
                el(x, 10, "CourseCreditValue", decimal(g.course().units()));
                el(x, 10, "CourseCreditEarned", "F".equals(g.letter()) ? "0" : decimal(g.course().units()));
                el(x, 10, "CourseAcademicGrade", g.letter());
                el(x, 10, "CourseSubjectAbbreviation", g.course().subject());
                el(x, 10, "CourseNumber", g.course().number());
                el(x, 10, "CourseTitle", g.course().title());
                x.append("        </Course>\n");
            }
            x.append("      </AcademicSession>\n");
        }
        x.append("    </AcademicRecord>\n  </Student>\n</ColTrn:CollegeTranscript>\n");
        return x.toString();
    }

    /** PESC session designator (YYYY-MM of the term start): fall in August, spring in January. */
    static String designator(Grade g) {
        return "S1".equals(g.term()) ? g.year() + "-08" : (g.year() + 1) + "-01";
    }

    /** College quality points per unit, in hundredths (+/- count: A- is 3.70). */
    static int qualityPoints(String letter) {
        return switch (letter) {
            case "A+", "A" -> 400;
            case "A-" -> 370;
            case "B+" -> 330;
            case "B" -> 300;
            case "B-" -> 270;
            case "C+" -> 230;
            case "C" -> 200;
            case "C-" -> 170;
            case "D+" -> 130;
            case "D" -> 100;
            case "D-" -> 70;
            default -> 0;
        };
    }

    private static String decimal(long hundredths) {
        long whole = hundredths / 100;
        long frac = hundredths % 100;
        return frac == 0 ? Long.toString(whole) : whole + "." + (frac < 10 ? "0" + frac : Long.toString(frac));
    }

    private static void el(StringBuilder x, int indent, String name, String value) {
        for (int i = 0; i < indent; i++) {
            x.append(' ');
        }
        x.append('<').append(name).append('>');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> x.append("&amp;");
                case '<' -> x.append("&lt;");
                case '>' -> x.append("&gt;");
                default -> x.append(c);
            }
        }
        x.append("</").append(name).append(">\n");
    }
}
