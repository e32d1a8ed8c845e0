package org.baton.node.readiness;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.baton.node.readiness.rules.AgSubject;

/**
 * Reads schools' a-g course lists from CSV files (format: {@code docs/formats/ag-lists.md}): every {@code *.csv} file
 * of a directory, one row per approved course with the columns {@code SchoolCode}, {@code AcademicYearID}
 * ({@code 2024-2025}), {@code LocalCourseID}, {@code AGArea} (a letter a to g) and {@code Honors} ({@code Y} or
 * {@code N}); other columns ({@code StateCourseCode}, {@code CourseName} …) are ignored. A school's list for a year
 * may span files. {@code baton synth} writes this format under {@code ag-lists/}.
 */
public final class AgListFiles {

    private static final Pattern YEAR = Pattern.compile("(\\d{4})-(\\d{4})");
    private static final List<String> REQUIRED = List.of("SchoolCode", "AcademicYearID", "LocalCourseID", "AGArea",
            "Honors");

    private AgListFiles() {
    }

    /**
     * The lists in the {@code *.csv} files of {@code dir} (not its subdirectories), in file-name order.
     *
     * @throws AgListException naming the file, line and column of the first problem
     */
    public static AgCourseLists readDirectory(Path dir) {
        Objects.requireNonNull(dir, "dir");
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv"))
                    .filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new AgListException(dir, 0, "cannot list the directory: " + e.getMessage(), e);
        }
        Map<String, Builder> lists = new LinkedHashMap<>();
        for (Path file : files) {
            read(file, lists);
        }
        List<AgCourseList> out = new ArrayList<>(lists.size());
        for (Builder b : lists.values()) {
            out.add(new AgCourseList(b.school, b.year, b.courses));
        }
        return AgCourseLists.of(out);
    }

    private static final class Builder {
        final SchoolCode school;
        final int year;
        final Map<String, AgCourseList.Listing> courses = new HashMap<>();
        final Map<String, String> where = new HashMap<>();

        Builder(SchoolCode school, int year) {
            this.school = school;
            this.year = year;
        }
    }

    private static void read(Path file, Map<String, Builder> lists) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String headerLine = in.readLine();
            if (headerLine == null) {
                throw new AgListException(file, 1, "the file is empty; expected a header line");
            }
            List<String> header = fields(stripBom(headerLine), file, 1);
            Map<String, Integer> column = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                column.put(header.get(i).strip(), i);
            }
            for (String name : REQUIRED) {
                if (!column.containsKey(name)) {
                    throw new AgListException(file, 1, "column " + name + " is missing (the header needs "
                            + String.join(", ", REQUIRED) + ")");
                }
            }
            String line;
            long number = 1;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                List<String> row = fields(line, file, number);
                if (row.size() != header.size()) {
                    throw new AgListException(file, number, "the row has " + row.size() + " fields, the header "
                            + header.size());
                }
                addRow(file, number, lists, name -> row.get(column.get(name)).strip());
            }
        } catch (IOException e) {
            throw new AgListException(file, 0, "cannot read the file: " + e.getMessage(), e);
        }
    }

    private static void addRow(Path file, long line, Map<String, Builder> lists,
            java.util.function.Function<String, String> cell) {
        SchoolCode school;
        try {
            school = SchoolCode.of(cell.apply("SchoolCode"));
        } catch (IllegalArgumentException e) {
            throw new AgListException(file, line, "SchoolCode: " + e.getMessage());
        }
        Matcher year = YEAR.matcher(cell.apply("AcademicYearID"));
        if (!year.matches() || Integer.parseInt(year.group(2)) != Integer.parseInt(year.group(1)) + 1) {
            throw new AgListException(file, line, "AcademicYearID: '" + cell.apply("AcademicYearID")
                    + "' is not an academic year like 2024-2025");
        }
        int first = Integer.parseInt(year.group(1));
        String course = cell.apply("LocalCourseID");
        if (course.isEmpty()) {
            throw new AgListException(file, line, "LocalCourseID: required, but empty");
        }
        AgSubject area = area(cell.apply("AGArea")).orElseThrow(() -> new AgListException(file, line,
                "AGArea: '" + cell.apply("AGArea") + "' is not one of a, b, c, d, e, f, g"));
        boolean honors = switch (cell.apply("Honors").toUpperCase(Locale.ROOT)) {
            case "Y" -> true;
            case "N", "" -> false;
            default -> throw new AgListException(file, line, "Honors: '" + cell.apply("Honors")
                    + "' is not Y or N");
        };
        Builder list = lists.computeIfAbsent(school.value() + "|" + first, k -> new Builder(school, first));
        AgCourseList.Listing listing = new AgCourseList.Listing(area, honors);
        AgCourseList.Listing before = list.courses.putIfAbsent(course, listing);
        if (before != null && !before.equals(listing)) {
            throw new AgListException(file, line, "LocalCourseID: course '" + course + "' is listed again for school "
                    + school.value() + " in " + first + "-" + (first + 1) + " with another area or honors (first at "
                    + list.where.get(course) + ")");
        }
        list.where.putIfAbsent(course, file.getFileName() + ":" + line);
    }

    private static java.util.Optional<AgSubject> area(String letter) {
        for (AgSubject subject : AgSubject.values()) {
            if (subject.letter().equalsIgnoreCase(letter)) {
                return java.util.Optional.of(subject);
            }
        }
        return java.util.Optional.empty();
    }

    private static String stripBom(String line) {
        return line.startsWith("\uFEFF") ? line.substring(1) : line;
    }

    /** The fields of one CSV line (RFC 4180 quoting; a quoted field does not span lines in these files). */
    static List<String> fields(String line, Path file, long number) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == ',') {
                out.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '"' && field.length() == 0 && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new AgListException(file, number, "a quoted field is not closed on its line");
        }
        out.add(field.toString());
        return out;
    }
}
