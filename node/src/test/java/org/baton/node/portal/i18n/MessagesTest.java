package org.baton.node.portal.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class MessagesTest {

    @Test
    void english_and_spanish_have_the_same_keys() {
        assertThat(new TreeSet<>(Messages.of(Language.SPANISH).keys()))
                .isEqualTo(new TreeSet<>(Messages.of(Language.ENGLISH).keys()));
    }

    @Test
    void every_literal_key_a_template_uses_exists() throws IOException {
        Pattern literal = Pattern.compile("f\\.t\\(\"([a-z0-9.\\-]+)\"\\s*[,)]");
        Set<String> missing = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/jte"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".jte")).toList()) {
                Matcher m = literal.matcher(Files.readString(p));
                while (m.find()) {
                    if (!Messages.of(Language.ENGLISH).has(m.group(1))) {
                        missing.add(p.getFileName() + ": " + m.group(1));
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void fills_placeholders_verbatim() {
        assertThat(Messages.of(Language.ENGLISH).t("records.title", "<Ana>")).isEqualTo("Records of <Ana>");
        assertThat(Messages.of(Language.SPANISH).t("chart.value", 3, 4)).isEqualTo("3 de 4 semestres");
    }

    @Test
    void picks_the_language_from_accept_language() {
        assertThat(Language.fromAcceptLanguage("es-MX,es;q=0.9,en;q=0.8")).isEqualTo(Language.SPANISH);
        assertThat(Language.fromAcceptLanguage("fr-FR,es;q=0.5")).isEqualTo(Language.SPANISH);
        assertThat(Language.fromAcceptLanguage("fr-FR")).isEqualTo(Language.ENGLISH);
        assertThat(Language.fromAcceptLanguage("en;q=0.2,es;q=0.9")).isEqualTo(Language.SPANISH);
        assertThat(Language.fromAcceptLanguage(";;;garbage")).isEqualTo(Language.ENGLISH);
        assertThat(Language.fromAcceptLanguage(null)).isEqualTo(Language.ENGLISH);
    }
}
