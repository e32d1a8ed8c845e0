package org.baton.node.portal.counselor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CaseloadCsvTest {

    @Test
    void quotes_cells_as_rfc_4180_says() {
        assertThat(CaseloadPages.cell("Ben Okafor")).isEqualTo("Ben Okafor");
        assertThat(CaseloadPages.cell("Okafor, Ben")).isEqualTo("\"Okafor, Ben\"");
        assertThat(CaseloadPages.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    }

    @Test
    void defuses_spreadsheet_formulas() {
        assertThat(CaseloadPages.cell("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
        assertThat(CaseloadPages.cell("+1")).isEqualTo("\"'+1\"");
        assertThat(CaseloadPages.cell("@SUM(A1)")).isEqualTo("\"'@SUM(A1)\"");
    }
}
