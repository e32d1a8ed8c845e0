package org.baton.node.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.baton.ledger.GrantId;
import org.baton.proto.v1.StoredOpening;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RecentOpeningsTest {

    private static final GrantId A = GrantId.of("a".repeat(32));
    private static final GrantId B = GrantId.of("b".repeat(32));
    private static final GrantId C = GrantId.of("c".repeat(32));

    final RecentOpenings openings = new RecentOpenings(2);
    final AtomicInteger reads = new AtomicInteger();

    private static StoredOpening opening(GrantId grant, String attester) {
        return StoredOpening.newBuilder().setGrantId(grant.value()).setAttester(attester).build();
    }

    private Optional<StoredOpening> get(GrantId grant, Optional<StoredOpening> stored) {
        return openings.get(grant, () -> {
            reads.incrementAndGet();
            return stored;
        });
    }

    @Test
    void a_present_opening_is_read_once() {
        assertThat(get(A, Optional.of(opening(A, "d1")))).contains(opening(A, "d1"));
        assertThat(get(A, Optional.of(opening(A, "other")))).contains(opening(A, "d1"));

        assertThat(reads).hasValue(1);
    }

    @Test
    void an_absent_opening_is_read_every_time() {
        assertThat(get(A, Optional.empty())).isEmpty();
        assertThat(get(A, Optional.of(opening(A, "d1")))).contains(opening(A, "d1"));

        assertThat(reads).hasValue(2);
    }

    @Test
    void a_change_is_read_again() {
        get(A, Optional.of(opening(A, "before")));
        openings.changed(A);

        assertThat(get(A, Optional.of(opening(A, "after")))).contains(opening(A, "after"));
        assertThat(get(A, Optional.of(opening(A, "later")))).contains(opening(A, "after"));
    }

    @Test
    void a_value_read_before_a_change_returned_is_not_remembered() {
        List<Optional<StoredOpening>> seen = new ArrayList<>();
        seen.add(openings.get(A, () -> {
            // The read found the old value; the change commits and returns before the reader remembers it.
            openings.changed(A);
            return Optional.of(opening(A, "before"));
        }));

        assertThat(seen).containsExactly(Optional.of(opening(A, "before")));
        assertThat(get(A, Optional.of(opening(A, "after")))).contains(opening(A, "after"));
    }

    @Test
    void beyond_the_capacity_the_first_remembered_is_dropped() {
        get(A, Optional.of(opening(A, "d1")));
        get(B, Optional.of(opening(B, "d1")));
        get(A, Optional.of(opening(A, "again")));
        get(C, Optional.of(opening(C, "d1")));

        assertThat(openings.size()).isEqualTo(2);
        assertThat(get(A, Optional.of(opening(A, "again")))).as("dropped, read again").contains(opening(A, "again"));
        assertThat(get(C, Optional.of(opening(C, "other")))).contains(opening(C, "d1"));
    }

    @Test
    void needs_room_for_one() {
        assertThatThrownBy(() -> new RecentOpenings(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("capacity must be at least 1, got 0");
    }
}
