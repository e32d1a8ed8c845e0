package org.baton.ledger;

import java.util.Optional;
import org.baton.trust.InstitutionId;

/**
 * How an institution is named on Hyperledger Fabric: its membership service provider (MSP) id is its institution id
 * followed by {@code MSP} — {@code 19647330000000MSP} for a district, {@code 110662MSP} for a campus,
 * {@code CSACMSP} for CSAC. The rule is fixed rather than configured so that the chaincode of every peer, the
 * nodes and the channel configuration agree on it without sharing a file.
 */
public final class MspIds {

    private static final String SUFFIX = "MSP";

    private MspIds() {
    }

    /** The MSP id of {@code institution}. */
    public static String of(InstitutionId institution) {
        return institution.value() + SUFFIX;
    }

    /** The institution an MSP id names, or empty if it names none (an orderer's, or any other). */
    public static Optional<InstitutionId> institution(String mspId) {
        if (mspId == null || !mspId.endsWith(SUFFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(InstitutionId.of(mspId.substring(0, mspId.length() - SUFFIX.length())));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
