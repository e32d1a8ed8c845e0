package org.baton.node.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.time.Instant;
import java.util.Set;
import org.baton.ledger.Scope;
import org.baton.trust.InstitutionId;
import org.junit.jupiter.api.Test;

class ArrivalHandoffTest {

    private static ArrivalHandoff.Accepted accepted(int n) {
        return new ArrivalHandoff.Accepted(PackageId.of("%032x".formatted(n)), InstitutionId.of("110662"),
                Instant.parse("2026-06-01T10:00:00Z"), "student-" + n, Set.of(Scope.TRANSCRIPT), ByteString.EMPTY);
    }

    @Test
    void hands_each_package_over_once() {
        ArrivalHandoff handoff = new ArrivalHandoff(4);
        ArrivalHandoff.Accepted first = accepted(1);
        handoff.accepted(first);

        assertThat(handoff.take(first.packageId())).containsSame(first);
        assertThat(handoff.take(first.packageId())).isEmpty();
        assertThat(handoff.take(accepted(2).packageId())).isEmpty();
        assertThat(handoff.size()).isZero();
    }

    @Test
    void drops_the_oldest_when_the_check_falls_behind() {
        ArrivalHandoff handoff = new ArrivalHandoff(3);
        for (int n = 1; n <= 5; n++) {
            handoff.accepted(accepted(n));
        }

        assertThat(handoff.size()).isEqualTo(3);
        assertThat(handoff.take(accepted(1).packageId())).isEmpty();
        assertThat(handoff.take(accepted(2).packageId())).isEmpty();
        assertThat(handoff.take(accepted(3).packageId())).isPresent();
        assertThat(handoff.take(accepted(5).packageId())).isPresent();
    }

    @Test
    void refuses_a_capacity_below_one() {
        assertThatThrownBy(() -> new ArrivalHandoff(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("capacity must be at least 1, got 0");
    }
}
