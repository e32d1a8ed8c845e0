package org.baton.node.exchange;

import com.google.protobuf.ByteString;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import org.baton.ledger.CommitmentSalt;
import org.baton.ledger.SubjectCommitment;
import org.baton.node.student.Ssid;
import org.baton.proto.v1.SubjectOpening;

/**
 * The opening of a grant's subject commitment (salt and SSID) with the name and birth date the attester identified
 * the student by. Personal data: {@link #toString()} shows nothing.
 *
 * @param salt the commitment salt
 * @param ssid the student's SSID
 * @param firstName legal first name (may be empty for a single name)
 * @param lastName legal last name (not blank)
 * @param birthDate date of birth
 */
record Opening(CommitmentSalt salt, Ssid ssid, String firstName, String lastName, LocalDate birthDate) {

    Opening {
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(ssid, "ssid");
        Objects.requireNonNull(firstName, "firstName");
        Objects.requireNonNull(lastName, "lastName");
        Objects.requireNonNull(birthDate, "birthDate");
        if (lastName.isBlank()) {
            throw new IllegalArgumentException("last name is blank");
        }
    }

    /** True if this opens {@code commitment}. */
    boolean opens(SubjectCommitment commitment) {
        return commitment.matches(salt, ssid.value());
    }

    SubjectOpening toProto() {
        return SubjectOpening.newBuilder()
                .setSalt(ByteString.copyFrom(salt.bytes()))
                .setSsid(ssid.value())
                .setFirstName(firstName)
                .setLastName(lastName)
                .setBirthDate(birthDate.toString())
                .build();
    }

    /**
     * Reads an opening from the wire.
     *
     * @throws InvalidExchangeRequestException naming the field (never its value)
     */
    static Opening fromProto(SubjectOpening proto, String field) {
        CommitmentSalt salt;
        try {
            salt = CommitmentSalt.of(proto.getSalt().toByteArray());
        } catch (IllegalArgumentException e) {
            throw new InvalidExchangeRequestException(field + ".salt: " + e.getMessage());
        }
        Ssid ssid;
        try {
            ssid = Ssid.of(proto.getSsid());
        } catch (IllegalArgumentException e) {
            throw new InvalidExchangeRequestException(field + ".ssid: " + e.getMessage());
        }
        if (proto.getLastName().isBlank()) {
            throw new InvalidExchangeRequestException(field + ".last_name is blank");
        }
        LocalDate birthDate;
        try {
            birthDate = LocalDate.parse(proto.getBirthDate());
        } catch (DateTimeParseException e) {
            throw new InvalidExchangeRequestException(field + ".birth_date is not a YYYY-MM-DD date");
        }
        return new Opening(salt, ssid, proto.getFirstName(), proto.getLastName(), birthDate);
    }

    @Override
    public String toString() {
        return "Opening[redacted]";
    }
}
