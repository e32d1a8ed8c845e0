package org.baton.node.exchange;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.baton.proto.v1.GetDiscrepancyAnswerResponse;
import org.baton.trust.InstitutionId;

/**
 * How the source of a package answered a discrepancy report on it.
 *
 * @param status open, resent or closed
 * @param answer the new exchange's id (resent) or the source registrar's note (closed); empty while open
 * @param answeredAt when the source answered; empty while open
 */
record DiscrepancyAnswer(DiscrepancyReport.Status status, String answer, Optional<Instant> answeredAt) {

    DiscrepancyAnswer {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(answeredAt, "answeredAt");
    }

    GetDiscrepancyAnswerResponse toProto() {
        GetDiscrepancyAnswerResponse.Builder out = GetDiscrepancyAnswerResponse.newBuilder()
                .setStatus(status.toProto())
                .setAnswer(answer);
        answeredAt.ifPresent(at -> out.setAnsweredAt(ExchangeProtos.timestamp(at)));
        return out.build();
    }

    /** The answer {@code source} gave; a status this version does not know is refused. */
    static DiscrepancyAnswer fromProto(InstitutionId source, GetDiscrepancyAnswerResponse response) {
        DiscrepancyReport.Status status;
        try {
            status = DiscrepancyReport.Status.fromProto(response.getStatus());
        } catch (IllegalArgumentException e) {
            throw new PeerRefusedException(source, PeerRefusedException.Kind.OTHER,
                    "answered with an unknown report status " + response.getStatusValue());
        }
        return new DiscrepancyAnswer(status, response.getAnswer(), response.hasAnsweredAt()
                ? Optional.of(ExchangeProtos.instant(response.getAnsweredAt())) : Optional.empty());
    }
}
