package org.baton.node.readiness.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.baton.proto.v1.HigherEdSystem;
import org.junit.jupiter.api.Test;

class RuleBookTest {
    @Test
    void loads() {
        RuleBook book = RuleBook.loadDefault();
        assertThat(book.admission(HigherEdSystem.SYSTEM_UC).versions()).hasSize(1);
    }
}
