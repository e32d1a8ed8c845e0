package org.baton.ledger.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CanonicalJsonTest {

    @Nested
    class Writing {

        @Test
        void sorts_keys_at_every_level_and_adds_no_whitespace() {
            Map<String, Object> inner = new LinkedHashMap<>();
            inner.put("z", 1);
            inner.put("a", true);
            Map<String, Object> outer = new LinkedHashMap<>();
            outer.put("b", List.of("x", 2L));
            outer.put("a", inner);
            outer.put("B", "upper sorts first");

            assertThat(text(outer)).isEqualTo("{\"B\":\"upper sorts first\",\"a\":{\"a\":true,\"z\":1},\"b\":[\"x\",2]}");
        }

        @Test
        void escapes_strings_minimally() {
            assertThat(text(Map.of("s", "q\"b\\n\nt\tc\u0001é€😀")))
                    .isEqualTo("{\"s\":\"q\\\"b\\\\n\\nt\\tc\\u0001é€😀\"}");
        }

        @Test
        void refuses_floating_point() {
            assertThatThrownBy(() -> CanonicalJson.write(Map.of("gpa", 3.5)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("JSON value at $.gpa has unsupported type java.lang.Double");
        }

        @Test
        void refuses_null() {
            Map<String, Object> withNull = new LinkedHashMap<>();
            withNull.put("absent", null);

            assertThatThrownBy(() -> CanonicalJson.write(withNull))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("JSON value at $.absent is null; omit absent fields");
        }

        @Test
        void refuses_a_lone_surrogate() {
            assertThatThrownBy(() -> CanonicalJson.write(Map.of("s", "\ud800")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("JSON string at $.s has a lone surrogate");
        }
    }

    @Nested
    class Reading {

        @Test
        void gives_typed_fields() {
            JsonFields fields = CanonicalJson.read(bytes("{\"n\":12,\"o\":{\"s\":\"x\"},\"t\":true}"));

            assertThat(fields.integer("n")).isEqualTo(12);
            assertThat(fields.object("o").string("s")).isEqualTo("x");
            assertThat(fields.bool("t")).isTrue();
            assertThat(fields.optionalString("missing")).isEmpty();
        }

        @Test
        void names_the_path_of_a_missing_or_mistyped_field() {
            JsonFields fields = CanonicalJson.read(bytes("{\"o\":{\"n\":1.5}}"));

            assertThatThrownBy(() -> fields.object("o").integer("n"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("$.o.n is not an integer within the range of a 64-bit long");
            assertThatThrownBy(() -> fields.string("x"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("$.x is missing");
        }

        @Test
        void refuses_duplicate_keys() {
            assertThatThrownBy(() -> CanonicalJson.read(bytes("{\"a\":1,\"a\":2}")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("not well-formed JSON: Duplicate field 'a'");
        }

        @Test
        void refuses_anything_but_one_object() {
            assertThatThrownBy(() -> CanonicalJson.read(bytes("[1]")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("JSON is not an object");
            assertThatThrownBy(() -> CanonicalJson.read(bytes("{} {}")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("JSON has content after the top-level value");
        }
    }

    private static String text(Map<String, ?> object) {
        return new String(CanonicalJson.write(object), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
