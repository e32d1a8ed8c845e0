package org.baton.tools.readiness;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.baton.node.readiness.AgCourseList;
import org.baton.node.readiness.AgCourseLists;
import org.baton.node.readiness.SchoolCode;
import org.baton.node.readiness.rules.AgSubject;
import org.baton.proto.v1.StudentRecord;

/** Reads the files {@code baton readiness} takes. */
final class RecordFiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordFiles() {
    }

    /**
     * One student's records: a {@code StudentRecord} in proto JSON, or a JSON array of them (one per institution).
     */
    static List<StudentRecord> readRecords(Path file) throws TranscriptReadException {
        String text = read(file);
        List<StudentRecord> records = new ArrayList<>();
        JsonFormat.Parser parser = JsonFormat.parser();
        try {
            JsonNode tree = JSON.readTree(text);
            if (tree == null || tree.isMissingNode()) {
                throw new TranscriptReadException(file, "the file is empty", null);
            }
            if (tree.isArray()) {
                int index = 0;
                for (JsonNode element : tree) {
                    records.add(parse(parser, file, JSON.writeValueAsString(element), "record " + index));
                    index++;
                }
                if (records.isEmpty()) {
                    throw new TranscriptReadException(file, "the array holds no student record", null);
                }
            } else if (tree.isObject()) {
                records.add(parse(parser, file, text, "the record"));
            } else {
                throw new TranscriptReadException(file, "expected a StudentRecord object or an array of them", null);
            }
        } catch (JsonProcessingException e) {
            throw new TranscriptReadException(file, "not JSON: " + e.getOriginalMessage(), e);
        }
        return records;
    }

    private static StudentRecord parse(JsonFormat.Parser parser, Path file, String json, String which)
            throws TranscriptReadException {
        StudentRecord.Builder builder = StudentRecord.newBuilder();
        try {
            parser.merge(json, builder);
        } catch (InvalidProtocolBufferException e) {
            throw new TranscriptReadException(file, which + " is not a Baton StudentRecord: " + e.getMessage(), e);
        }
        return builder.build();
    }

    /**
     * a-g course lists: a JSON array of {@code {"school": "<CDS>", "academicYear": 2024, "courses":
     * {"<local course id>": {"area": "b", "honors": false}}}}.
     */
    static AgCourseLists readAgLists(Path file) throws TranscriptReadException {
        JsonNode tree;
        try {
            tree = JSON.readTree(read(file));
        } catch (JsonProcessingException e) {
            throw new TranscriptReadException(file, "not JSON: " + e.getOriginalMessage(), e);
        }
        if (tree == null || !tree.isArray()) {
            throw new TranscriptReadException(file, "expected a JSON array of a-g course lists", null);
        }
        List<AgCourseList> lists = new ArrayList<>();
        int index = 0;
        for (JsonNode node : tree) {
            String where = "list " + index;
            try {
                String school = text(node, "school", where);
                int year = node.path("academicYear").asInt(0);
                Map<String, AgCourseList.Listing> courses = new HashMap<>();
                JsonNode courseNodes = node.path("courses");
                if (!courseNodes.isObject()) {
                    throw new IllegalArgumentException(where + ": 'courses' must be an object of local course ids");
                }
                for (Map.Entry<String, JsonNode> course : courseNodes.properties()) {
                    String area = text(course.getValue(), "area", where + ", course " + course.getKey());
                    courses.put(course.getKey(), new AgCourseList.Listing(area(area, where + ", course "
                            + course.getKey()), course.getValue().path("honors").asBoolean(false)));
                }
                lists.add(new AgCourseList(SchoolCode.of(school), year, courses));
            } catch (IllegalArgumentException e) {
                throw new TranscriptReadException(file, e.getMessage(), e);
            }
            index++;
        }
        try {
            return AgCourseLists.of(lists);
        } catch (IllegalArgumentException e) {
            throw new TranscriptReadException(file, e.getMessage(), e);
        }
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(where + ": '" + field + "' is required");
        }
        return value.asText();
    }

    private static AgSubject area(String letter, String where) {
        for (AgSubject subject : AgSubject.values()) {
            if (subject.letter().equals(letter.toLowerCase(Locale.ROOT))) {
                return subject;
            }
        }
        throw new IllegalArgumentException(where + ": area '" + letter + "' is not one of a-g");
    }

    private static String read(Path file) throws TranscriptReadException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new TranscriptReadException(file, "no such file", e);
        } catch (IOException e) {
            throw new TranscriptReadException(file, e.getMessage(), e);
        }
    }
}
