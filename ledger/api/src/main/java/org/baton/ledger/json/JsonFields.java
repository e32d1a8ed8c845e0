package org.baton.ledger.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Typed access to the fields of a parsed JSON object. Every failure names the field's path, e.g.
 * {@code $.grant.expiresAt}.
 *
 * @param path where this object sits in the document ({@code $} for the root)
 * @param node the object
 */
public record JsonFields(String path, ObjectNode node) {

    public JsonFields {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(node, "node");
    }

    /** A required string field. */
    public String string(String name) {
        JsonNode value = required(name);
        if (!value.isTextual()) {
            throw invalid(name, "is not a string");
        }
        return value.textValue();
    }

    /** An optional string field (absent, not null, when missing). */
    public Optional<String> optionalString(String name) {
        return node.has(name) ? Optional.of(string(name)) : Optional.empty();
    }

    /** A required integer field within the range of a {@code long}. */
    public long integer(String name) {
        JsonNode value = required(name);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw invalid(name, "is not an integer within the range of a 64-bit long");
        }
        return value.longValue();
    }

    /** A required boolean field. */
    public boolean bool(String name) {
        JsonNode value = required(name);
        if (!value.isBoolean()) {
            throw invalid(name, "is not a boolean");
        }
        return value.booleanValue();
    }

    /** A required object field. */
    public JsonFields object(String name) {
        JsonNode value = required(name);
        if (!(value instanceof ObjectNode object)) {
            throw invalid(name, "is not an object");
        }
        return new JsonFields(path + "." + name, object);
    }

    /** An optional object field. */
    public Optional<JsonFields> optionalObject(String name) {
        return node.has(name) ? Optional.of(object(name)) : Optional.empty();
    }

    /** A required array of strings, each converted by {@code parse}; a conversion failure names the element. */
    public <T> List<T> strings(String name, Function<String, T> parse) {
        JsonNode value = required(name);
        if (!value.isArray()) {
            throw invalid(name, "is not an array");
        }
        List<T> result = new ArrayList<>(value.size());
        int index = 0;
        for (Iterator<JsonNode> it = value.elements(); it.hasNext(); index++) {
            JsonNode element = it.next();
            String where = name + "[" + index + "]";
            if (!element.isTextual()) {
                throw invalid(where, "is not a string");
            }
            result.add(convert(where, element.textValue(), parse));
        }
        return result;
    }

    /** A required string field converted by {@code parse}; a conversion failure names the field. */
    public <T> T parsed(String name, Function<String, T> parse) {
        return convert(name, string(name), parse);
    }

    /** An optional string field converted by {@code parse}. */
    public <T> Optional<T> optionalParsed(String name, Function<String, T> parse) {
        return node.has(name) ? Optional.of(parsed(name, parse)) : Optional.empty();
    }

    /** A required enum field, written by constant name. */
    public <E extends Enum<E>> E enumValue(String name, Class<E> type) {
        return parsed(name, text -> Enum.valueOf(type, text));
    }

    private <T> T convert(String name, String text, Function<String, T> parse) {
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + "." + name + " is invalid: " + e.getMessage(), e);
        }
    }

    private JsonNode required(String name) {
        JsonNode value = node.get(name);
        if (value == null) {
            throw new IllegalArgumentException(path + "." + name + " is missing");
        }
        return value;
    }

    private IllegalArgumentException invalid(String name, String problem) {
        return new IllegalArgumentException(path + "." + name + " " + problem);
    }
}
