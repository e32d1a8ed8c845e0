package org.baton.node.portal.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.baton.node.portal.PortalClient;
import org.baton.node.portal.PortalHarness;
import org.baton.node.portal.PortalTestData;
import org.baton.node.portal.accounts.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** Confirming a consent over HTTPS when the records changed since the review: the form says why, nothing is kept. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ConsentConfirmIT {

    private PortalHarness portal;
    private PortalClient guardian;

    @BeforeEach
    void start() {
        portal = new PortalHarness();
        guardian = portal.client();
        portal.signIn(guardian, portal.active(Role.GUARDIAN, "gina", "Gina Okafor", PortalTestData.BEN));
    }

    @AfterEach
    void stop() {
        portal.close();
    }

    @Test
    void a_consent_from_every_school_attended_beyond_what_one_consent_reaches_is_refused_with_the_reason() {
        portal.fakes.consent.attendedBeyondReach = true;
        guardian.get("/students/" + PortalTestData.BEN.value() + "/consent/new");

        PortalClient.Response r = guardian.post("/students/" + PortalTestData.BEN.value() + "/consent", Map.of(
                "scope", "SCOPE_TRANSCRIPT", "purpose", "PURPOSE_ADMISSION",
                "recipient", PortalTestData.UC_DAVIS.id().value(), "source", ConsentPages.EVERY_ATTENDED,
                "until", "2026-12-31"));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("This institution's records name more schools in the network that the"
                + " student attended than one consent from every school attended can reach.");
        assertThat(portal.fakes.consent.grants.getOrDefault(PortalTestData.BEN, java.util.List.of())).isEmpty();
    }
}
