package org.baton.node.portal.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import org.baton.node.portal.TestClock;
import org.baton.node.portal.accounts.AccountId;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SessionManagerTest {

    private static final AccountId ANA = new AccountId("0123456789abcdef0123456789abcdef");
    private final TestClock clock = new TestClock(Instant.parse("2026-03-01T17:00:00Z"));
    private final SessionStore store = SessionStore.inMemory();
    private final Sessions sessions = Sessions.create(store, Sessions.Timeouts.defaults(), clock, new SecureRandom());

    @Test
    void stores_only_the_hash_of_the_token() {
        Sessions.Opened opened = sessions.open(ANA, Session.Stage.ACTIVE);
        assertThat(opened.token()).hasSize(43);
        assertThat(store.list()).extracting(Session::key).containsExactly(SessionManager.key(opened.token()))
                .doesNotContain(opened.token());
        assertThat(opened.toString()).doesNotContain(opened.token());
    }

    @Test
    void rotation_gives_a_new_token_and_kills_the_old_one() {
        Sessions.Opened first = sessions.open(ANA, Session.Stage.SECOND_FACTOR);
        Sessions.Opened second = sessions.rotate(first.token(), Session.Stage.ACTIVE);
        assertThat(second.token()).isNotEqualTo(first.token());
        assertThat(sessions.resolve(first.token())).isEmpty();
        assertThat(sessions.resolve(second.token())).hasValueSatisfying(s ->
                assertThat(s.stage()).isEqualTo(Session.Stage.ACTIVE));
        assertThatThrownBy(() -> sessions.rotate(first.token(), Session.Stage.ACTIVE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot rotate a session that is unknown or timed out");
    }

    @Test
    void idle_and_absolute_timeouts_end_sessions() {
        Sessions.Opened s = sessions.open(ANA, Session.Stage.ACTIVE);
        for (int i = 0; i < 24; i++) {
            clock.advance(Duration.ofMinutes(29));
            assertThat(sessions.resolve(s.token())).as("active after %d steps", i).isPresent();
        }
        clock.advance(Duration.ofMinutes(29));
        assertThat(sessions.resolve(s.token())).as("12 hours after sign-in").isEmpty();
        Sessions.Opened idle = sessions.open(ANA, Session.Stage.ACTIVE);
        clock.advance(Duration.ofMinutes(30));
        assertThat(sessions.resolve(idle.token())).isEmpty();
    }

    @Test
    void a_half_finished_sign_in_expires_quickly() {
        Sessions.Opened s = sessions.open(ANA, Session.Stage.SECOND_FACTOR);
        clock.advance(Duration.ofMinutes(10));
        assertThat(sessions.resolve(s.token())).isEmpty();
    }

    @Test
    void close_all_ends_every_session_of_the_account_only() {
        Sessions.Opened a1 = sessions.open(ANA, Session.Stage.ACTIVE);
        Sessions.Opened a2 = sessions.open(ANA, Session.Stage.ACTIVE);
        Sessions.Opened other = sessions.open(new AccountId("ffffffffffffffffffffffffffffffff"), Session.Stage.ACTIVE);
        assertThat(sessions.closeAll(ANA)).isEqualTo(2);
        assertThat(sessions.resolve(a1.token())).isEmpty();
        assertThat(sessions.resolve(a2.token())).isEmpty();
        assertThat(sessions.resolve(other.token())).isPresent();
    }

    @Test
    void purges_expired_sessions_and_ignores_garbage_tokens() {
        sessions.open(ANA, Session.Stage.ACTIVE);
        clock.advance(Duration.ofHours(1));
        assertThat(sessions.purgeExpired()).isEqualTo(1);
        assertThat(sessions.resolve(null)).isEmpty();
        assertThat(sessions.resolve("x".repeat(500))).isEmpty();
        sessions.close("unknown");
    }
}
