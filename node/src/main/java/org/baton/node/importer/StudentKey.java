package org.baton.node.importer;

import java.util.Objects;

/**
 * How an import names a student to the store: by SSID when the input carries one, else by an institution-local id.
 * {@code toString()} never shows the SSID.
 */
public sealed interface StudentKey permits StudentKey.BySsid, StudentKey.ByLocalId {

    /** A student named by California SSID (10 digits). */
    record BySsid(String ssid) implements StudentKey {
        public BySsid {
            Objects.requireNonNull(ssid, "ssid");
        }

        @Override
        public String toString() {
            return "BySsid[ssid=<redacted>]";
        }
    }

    /** A student named by an id an institution assigned (SIS number, OneRoster sourcedId, CCCID). */
    record ByLocalId(String issuer, String value) implements StudentKey {
        public ByLocalId {
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(value, "value");
        }
    }
}
