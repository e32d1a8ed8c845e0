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
        Out out = new Out();
        writeValue(out, object, JsonPath.ROOT);
        return Arrays.copyOf(out.bytes, out.length);
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

    /**
     * Writes one canonical JSON object field by field, for encoders that know their fields: no maps, no sorting.
     * The caller must give the keys of every object in canonical order (UTF-16 code unit order, as
     * {@link String#compareTo}); tests check each such encoder against {@link #write}.
     */
    public static final class Writer {
        private final Out out = new Out();
        private boolean first = true;

        /** Starts a top-level object. */
        public Writer() {
            out.put('{');
        }

        private void key(String name) {
            if (!first) {
                out.put(',');
            }
            first = false;
            writeString(out, name, JsonPath.ROOT);
            out.put(':');
        }

        /** Opens the object value of {@code name}; close it with {@link #end()}. */
        public Writer object(String name) {
            key(name);
            out.put('{');
            first = true;
            return this;
        }

        /** Closes the innermost open object. */
        public Writer end() {
            out.put('}');
            first = false;
            return this;
        }

        /** Writes a string field. */
        public Writer string(String name, String value) {
            key(name);
            writeString(out, value, JsonPath.ROOT.field(name));
            return this;
        }

        /** Writes an integer field. */
        public Writer number(String name, long value) {
            key(name);
            out.ascii(Long.toString(value));
            return this;
        }

        /** Writes a boolean field. */
        public Writer bool(String name, boolean value) {
            key(name);
            out.ascii(value ? "true" : "false");
            return this;
        }

        /** Writes an array of strings, which the caller has sorted. */
        public Writer strings(String name, String[] sorted) {
            key(name);
            out.put('[');
            for (int i = 0; i < sorted.length; i++) {
                if (i > 0) {
                    out.put(',');
                }
                writeString(out, sorted[i], JsonPath.ROOT.field(name).item(i));
            }
            out.put(']');
            return this;
        }

        /** Closes the top-level object and returns the bytes. */
        public byte[] finish() {
            out.put('}');
            return Arrays.copyOf(out.bytes, out.length);
        }
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

    /** The UTF-8 output, written straight to bytes (no intermediate String). */
    private static final class Out {
        byte[] bytes = new byte[512];
        int length;

        void ensure(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            }
        }

        void put(char ascii) {
            ensure(1);
            bytes[length++] = (byte) ascii;
        }

        void ascii(String ascii) {
            int n = ascii.length();
            ensure(n);
            for (int i = 0; i < n; i++) {
                bytes[length++] = (byte) ascii.charAt(i);
            }
        }
    }

    private static void writeValue(Out out, Object value, JsonPath path) {
        if (value instanceof Map<?, ?> map) {
            writeObject(out, map, path);
        } else if (value instanceof Collection<?> items) {
            out.put('[');
            int index = 0;
            for (Object item : items) {
                if (index > 0) {
                    out.put(',');
                }
                if (!writeScalar(out, item)) {
                    writeValue(out, item, path.item(index));
                }
                index++;
            }
            out.put(']');
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
     * Writes a plain ASCII string, a number or a boolean without building its path (the common case); false if
     * {@code value} is anything else, which {@link #writeValue} then handles, path and errors included.
     */
    private static boolean writeScalar(Out out, Object value) {
        if (value instanceof String string) {
            return writePlain(out, string);
        } else if (value instanceof Long || value instanceof Integer) {
            out.ascii(Long.toString(((Number) value).longValue()));
            return true;
        } else if (value instanceof Boolean bool) {
            out.ascii(bool ? "true" : "false");
            return true;
        }
        return false;
    }

    /** Writes {@code value} quoted if no character needs escaping or encoding (ids, codes, digests); else false. */
    private static boolean writePlain(Out out, String value) {
        int n = value.length();
        out.ensure(n + 2);
        int start = out.length;
        byte[] bytes = out.bytes;
        int at = start;
        bytes[at++] = '"';
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') {
                return false;
            }
            bytes[at++] = (byte) c;
        }
        bytes[at++] = '"';
        out.length = at;
        return true;
    }

    /** Writes an object with its keys in order; sorts them only if the map does not already hold them in order. */
    private static void writeObject(Out out, Map<?, ?> map, JsonPath path) {
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
        if (!sorted) {
            // Insertion sort of both arrays: objects have a dozen keys at most.
            for (int i = 1; i < size; i++) {
                String key = keys[i];
                Object value = values[i];
                int j = i - 1;
                while (j >= 0 && keys[j].compareTo(key) > 0) {
                    keys[j + 1] = keys[j];
                    values[j + 1] = values[j];
                    j--;
                }
                keys[j + 1] = key;
                values[j + 1] = value;
            }
        }
        out.put('{');
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                out.put(',');
            }
            writeString(out, keys[i], path);
            out.put(':');
            if (!writeScalar(out, values[i])) {
                writeValue(out, values[i], path.field(keys[i]));
            }
        }
        out.put('}');
    }

    private static void writeString(Out out, String value, JsonPath path) {
        if (writePlain(out, value)) {
            return;
        }
        out.put('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.ascii("\\\"");
                case '\\' -> out.ascii("\\\\");
                case '\b' -> out.ascii("\\b");
                case '\f' -> out.ascii("\\f");
                case '\n' -> out.ascii("\\n");
                case '\r' -> out.ascii("\\r");
                case '\t' -> out.ascii("\\t");
                default -> {
                    if (c < 0x20) {
                        out.ascii(String.format("\\u%04x", (int) c));
                    } else if (c < 0x80) {
                        out.put(c);
                    } else if (Character.isSurrogate(c)) {
                        if (Character.isHighSurrogate(c) && i + 1 < value.length()
                                && Character.isLowSurrogate(value.charAt(i + 1))) {
                            utf8(out, Character.toCodePoint(c, value.charAt(++i)));
                        } else {
                            throw new IllegalArgumentException("JSON string at " + path + " has a lone surrogate");
                        }
                    } else {
                        utf8(out, c);
                    }
                }
            }
        }
        out.put('"');
    }

    /** Appends a code point (not a surrogate, at least U+0080) in UTF-8. */
    private static void utf8(Out out, int codePoint) {
        out.ensure(4);
        byte[] bytes = out.bytes;
        if (codePoint < 0x800) {
            bytes[out.length++] = (byte) (0xc0 | codePoint >> 6);
        } else if (codePoint < 0x10000) {
            bytes[out.length++] = (byte) (0xe0 | codePoint >> 12);
            bytes[out.length++] = (byte) (0x80 | codePoint >> 6 & 0x3f);
        } else {
            bytes[out.length++] = (byte) (0xf0 | codePoint >> 18);
            bytes[out.length++] = (byte) (0x80 | codePoint >> 12 & 0x3f);
            bytes[out.length++] = (byte) (0x80 | codePoint >> 6 & 0x3f);
        }
        bytes[out.length++] = (byte) (0x80 | codePoint & 0x3f);
    }
}
