package org.baton.node.readiness;

/**
 * One grade as a GPA uses it.
 *
 * @param recordId the course record
 * @param title the course
 * @param term the term ("fall 2024")
 * @param gradeLevel grade level when taken (7-12; 13 for college courses after high school)
 * @param grade the grade as recorded
 * @param points grade points of one grade (+/- dropped where the GPA drops them)
 * @param weight how many grades it counts as (2 for a CSU college course or a full-year grade)
 * @param honorsEarned honors points earned (before caps)
 * @param honorsCounted honors points within the caps
 * @param planned whether it comes from a what-if plan
 */
public record GpaLine(String recordId, String title, String term, int gradeLevel, String grade, int points,
        int weight, int honorsEarned, int honorsCounted, boolean planned) {
}
