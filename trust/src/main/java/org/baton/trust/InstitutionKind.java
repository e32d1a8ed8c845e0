package org.baton.trust;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The kind of institution a consortium member is. The kind decides which form its {@link InstitutionId} takes.
 */
public enum InstitutionKind {
    /** A K-12 local educational agency; its id is its 14-digit CDS code. */
    K12_DISTRICT("\\d{14}", "a 14-digit CDS code"),
    /** A California Community College; its id is its 6-digit IPEDS unit id. */
    COMMUNITY_COLLEGE("\\d{6}", "a 6-digit IPEDS unit id"),
    /** A California State University campus; 6-digit IPEDS unit id. */
    CSU("\\d{6}", "a 6-digit IPEDS unit id"),
    /** A University of California campus; 6-digit IPEDS unit id. */
    UC("\\d{6}", "a 6-digit IPEDS unit id"),
    /** The California Student Aid Commission; fixed id {@code CSAC}. */
    CSAC("CSAC", "CSAC"),
    /** The California Department of Education; fixed id {@code CDE}. */
    CDE("CDE", "CDE");

    private final Pattern idFormat;
    private final String idDescription;

    InstitutionKind(String idFormat, String idDescription) {
        this.idFormat = Pattern.compile(idFormat);
        this.idDescription = idDescription;
    }

    /** Whether {@code id} has the form ids of this kind take (a CSU campus cannot have a CDS code). */
    public boolean accepts(InstitutionId id) {
        Objects.requireNonNull(id, "id");
        return idFormat.matcher(id.value()).matches();
    }

    /** The form ids of this kind take, for error messages, e.g. "a 6-digit IPEDS unit id". */
    public String idDescription() {
        return idDescription;
    }
}
