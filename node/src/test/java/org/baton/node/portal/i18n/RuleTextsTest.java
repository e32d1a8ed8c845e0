package org.baton.node.portal.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RuleTextsTest {

    /** Every label and name the readiness rules give (what the portal may show of them). */
    private static Set<String> ruleTexts() throws IOException {
        Set<String> texts = new TreeSet<>();
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/org/baton/node/readiness/rules"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                collect(yaml.readTree(file.toFile()), texts);
            }
        }
        return texts;
    }

    private static void collect(JsonNode node, Set<String> texts) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if ((field.getKey().equals("label") || field.getKey().equals("name")) && field.getValue().isTextual()) {
                    texts.add(field.getValue().asText());
                }
                collect(field.getValue(), texts);
            }
        } else if (node.isArray()) {
            node.forEach(element -> collect(element, texts));
        }
    }

    @Test
    void every_label_and_name_of_the_rules_has_a_spanish_text_and_every_spanish_text_a_rule() throws IOException {
        Set<String> rules = ruleTexts();
        assertThat(rules).hasSizeGreaterThan(50);
        Set<String> untranslated = new TreeSet<>(rules);
        untranslated.removeAll(RuleTexts.translations(Language.SPANISH).keySet());
        assertThat(untranslated).as("rule texts without Spanish").isEmpty();
        Set<String> unused = new TreeSet<>(RuleTexts.translations(Language.SPANISH).keySet());
        unused.removeAll(rules);
        assertThat(unused).as("Spanish texts no rule gives").isEmpty();
    }

    @Test
    void translates_a_rule_text_and_keeps_one_it_does_not_know() {
        assertThat(RuleTexts.in(Language.SPANISH, "1 year of biology, chemistry or physics"))
                .isEqualTo("1 año de biología, química o física");
        assertThat(RuleTexts.in(Language.ENGLISH, "1 year of biology, chemistry or physics"))
                .isEqualTo("1 year of biology, chemistry or physics");
        assertThat(RuleTexts.in(Language.SPANISH, "a rule reworded since")).isEqualTo("a rule reworded since");
    }
}
