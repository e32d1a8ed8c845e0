package org.baton.node.readiness.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads the YAML rule tables into {@link RuleBook}. */
final class RuleBookLoader {

    private static final String RESOURCE_DIR = "/org/baton/node/readiness/rules/";

    private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory())
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    private RuleBookLoader() {
    }

    @FunctionalInterface
    private interface Opener {
        InputStream open(String file) throws IOException;
    }

    static RuleBook fromClassPath() {
        return load(file -> {
            InputStream in = RuleBookLoader.class.getResourceAsStream(RESOURCE_DIR + file);
            if (in == null) {
                throw new NoSuchFileException("class path " + RESOURCE_DIR + file);
            }
            return in;
        });
    }

    static RuleBook fromDirectory(Path directory) {
        return load(file -> Files.newInputStream(directory.resolve(file)));
    }

    private static RuleBook load(Opener opener) {
        AdmissionRules uc = read(opener, RuleBook.UC_FILE, AdmissionRules.class);
        AdmissionRules csu = read(opener, RuleBook.CSU_FILE, AdmissionRules.class);
        CalGrantRules calGrant = read(opener, RuleBook.CAL_GRANT_FILE, CalGrantRules.class);
        TransferRules transfer = read(opener, RuleBook.TRANSFER_FILE, TransferRules.class);
        DeadlineRules deadlines = read(opener, RuleBook.DEADLINES_FILE, DeadlineRules.class);
        CounselingRules counseling = read(opener, RuleBook.COUNSELING_FILE, CounselingRules.class);
        try {
            return new RuleBook(uc, csu, calGrant, transfer, deadlines, counseling);
        } catch (IllegalArgumentException e) {
            throw new RuleBookLoadException(RuleBook.UC_FILE + "/" + RuleBook.CSU_FILE, e.getMessage(), e);
        }
    }

    private static <T> T read(Opener opener, String file, Class<T> type) {
        try (InputStream in = opener.open(file)) {
            T value = YAML.readValue(in, type);
            if (value == null) {
                throw new RuleBookLoadException(file, "the file is empty", null);
            }
            return value;
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new RuleBookLoadException(file, cause.getMessage() + " at " + path(e) + location(e), e);
        } catch (JsonProcessingException e) {
            throw new RuleBookLoadException(file, e.getOriginalMessage() + " at " + path(e) + location(e), e);
        } catch (NoSuchFileException e) {
            throw new RuleBookLoadException(file, "file not found (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new RuleBookLoadException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    private static String path(JsonProcessingException e) {
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            StringBuilder out = new StringBuilder();
            for (com.fasterxml.jackson.databind.JsonMappingException.Reference ref : mapping.getPath()) {
                if (ref.getFieldName() != null) {
                    if (out.length() > 0) {
                        out.append('.');
                    }
                    out.append(ref.getFieldName());
                } else if (ref.getIndex() >= 0) {
                    out.append('[').append(ref.getIndex()).append(']');
                }
            }
            return out.length() == 0 ? "(top level)" : out.toString();
        }
        return "(top level)";
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
    }
}
