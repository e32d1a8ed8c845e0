package org.baton.ledger.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;

/**
 * Writes and reads canonical JSON (see the {@linkplain org.baton.ledger.json package description}).
 *
 * <p>Values written are {@link Map}s with {@link String} keys, {@link Collection}s, {@link String}s,
 * {@link Long}s or {@link Integer}s, and {@link Boolean}s; anything else (including {@code null} and floating
 * point) is refused.
 */
public final class CanonicalJson {

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build());

    private CanonicalJson() {
    }

    /** The canonical bytes of {@code object}. */
    public static byte[] write(Map<String, ?> object) {
        Objects.requireNonNull(object, "object");
        StringBuilder out = new StringBuilder(256);
        writeValue(out, object, JsonPath.ROOT);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Parses a JSON object. The input must be well-formed UTF-8 JSON without duplicate keys; whether it is
     * canonical is for the caller to check (by writing the decoded value back and comparing bytes).
     *
     * @throws IllegalArgumentException if the input is not a JSON object
     */
    public static JsonFields read(byte[] json) {
        Objects.requireNonNull(json, "json");
        JsonNode node;
        try (JsonParser parser = MAPPER.createParser(json)) {
            node = MAPPER.readTree(parser);
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("JSON has content after the top-level value");
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not well-formed JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable JSON: " + e.getMessage(), e);
        }
        if (!(node instanceof ObjectNode object)) {
            throw new IllegalArgumentException("JSON is not an object");
        }
        return new JsonFields("$", object);
    }

    /** Where a value is, for error messages only: built into text only when an error names it. */
    private record JsonPath(JsonPath parent, String key, int index) {

        static final JsonPath ROOT = new JsonPath(null, null, -1);

        JsonPath field(String name) {
            return new JsonPath(this, name, -1);
        }

        JsonPath item(int at) {
            return new JsonPath(this, null, at);
        }

        @Override
        public String toString() {
            if (parent == null) {
                return "$";
            }
            return key != null ? parent + "." + key : parent + "[" + index + "]";
        }
    }

    private static void writeValue(StringBuilder out, Object value, JsonPath path) {
        if (value instanceof Map<?, ?> map) {
            writeObject(out, map, path);
        } else if (value instanceof Collection<?> items) {
            out.append('[');
            int index = 0;
            for (Object item : items) {
                if (index > 0) {
                    out.append(',');
                }
                if (!writeScalar(out, item)) {
                    writeValue(out, item, path.item(index));
                }
                index++;
            }
            out.append(']');
        } else if (value instanceof String string) {
            writeString(out, string, path);
        } else if (!writeScalar(out, value)) {
            if (value == null) {
                throw new IllegalArgumentException("JSON value at " + path + " is null; omit absent fields");
            }
            throw new IllegalArgumentException(
                    "JSON value at " + path + " has unsupported type " + value.getClass().getName());
        }
    }

    /**
     * Writes a plain string, a number or a boolean without building its path (the common case); false if
     * {@code value} is anything else, which {@link #writeValue} then handles, path and errors included.
     */
    private static boolean writeScalar(StringBuilder out, Object value) {
        if (value instanceof String string && plain(string)) {
            out.append('"').append(string).append('"');
            return true;
        } else if (value instanceof Long || value instanceof Integer) {
            out.append(((Number) value).longValue());
            return true;
        } else if (value instanceof Boolean bool) {
            out.append(bool.booleanValue());
            return true;
        }
        return false;
    }

    /** Writes an object with its keys in order; sorts them only if the map does not already hold them in order. */
    private static void writeObject(StringBuilder out, Map<?, ?> map, JsonPath path) {
        int size = map.size();
        String[] keys = new String[size];
        Object[] values = new Object[size];
        boolean sorted = true;
        int at = 0;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw new IllegalArgumentException("JSON key at " + path + " is not a string: " + entry.getKey());
            }
            if (at > 0 && keys[at - 1].compareTo(key) >= 0) {
                sorted = false;
            }
            keys[at] = key;
            values[at] = entry.getValue();
            at++;
        }
        Integer[] order = null;
        if (!sorted) {
            order = new Integer[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> keys[a].compareTo(keys[b]));
        }
        out.append('{');
        for (int n = 0; n < size; n++) {
            int i = order == null ? n : order[n];
            if (n > 0) {
                out.append(',');
            }
            writeString(out, keys[i], path);
            out.append(':');
            if (!writeScalar(out, values[i])) {
                writeValue(out, values[i], path.field(keys[i]));
            }
        }
        out.append('}');
    }

    private static void writeString(StringBuilder out, String value, JsonPath path) {
        out.append('"');
        if (plain(value)) {
            // Ids, codes and hex digests: nothing to escape, copied whole.
            out.append(value);
            out.append('"');
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else if (Character.isSurrogate(c)) {
                        if (Character.isHighSurrogate(c) && i + 1 < value.length()
                                && Character.isLowSurrogate(value.charAt(i + 1))) {
                            out.append(c).append(value.charAt(++i));
                        } else {
                            throw new IllegalArgumentException("JSON string at " + path + " has a lone surrogate");
                        }
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** True if no character of {@code value} needs escaping or a surrogate check. */
    private static boolean plain(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\' || Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
