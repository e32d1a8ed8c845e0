package org.baton.tools.demo;

import java.util.List;
import java.util.Objects;
import org.baton.trust.InstitutionId;
import org.baton.trust.InstitutionKind;

/**
 * One member of the demo consortium.
 *
 * @param key short name used for its folders, configuration and log file
 * @param id the institution id (CDS code, IPEDS-style id, or CSAC/CDE)
 * @param kind what kind of institution it is
 * @param name display name
 * @param slot its place in the port plan ({@link DemoPorts}); 0 is the ledger operator, which runs no node
 */
record DemoInstitution(String key, InstitutionId id, InstitutionKind kind, String name, int slot) {

    /** Sunrise Unified School District (a fictional district in Sacramento County: county 34). */
    static final DemoInstitution DISTRICT = new DemoInstitution("district", InstitutionId.of("34765430000000"),
            InstitutionKind.K12_DISTRICT, "Sunrise Unified School District", 1);
    static final DemoInstitution COLLEGE = new DemoInstitution("college", InstitutionId.of("129901"),
            InstitutionKind.COMMUNITY_COLLEGE, "Valley Oak College", 2);
    static final DemoInstitution UC = new DemoInstitution("uc", InstitutionId.of("110901"),
            InstitutionKind.UC, "UC Sierra", 3);
    static final DemoInstitution CSU = new DemoInstitution("csu", InstitutionId.of("110902"),
            InstitutionKind.CSU, "CSU Delta", 4);
    static final DemoInstitution CSAC = new DemoInstitution("csac", InstitutionId.of("CSAC"),
            InstitutionKind.CSAC, "California Student Aid Commission", 5);
    /** Operates the embedded ledger and reads it as the auditor; runs no node. */
    static final DemoInstitution OPERATOR = new DemoInstitution("ledger", InstitutionId.of("CDE"),
            InstitutionKind.CDE, "California Department of Education (ledger operator)", 0);

    /** The institutions that run a node, in start order. */
    static final List<DemoInstitution> NODES = List.of(DISTRICT, COLLEGE, UC, CSU, CSAC);

    /** Every consortium member: the nodes and the ledger operator. */
    static final List<DemoInstitution> MEMBERS = List.of(DISTRICT, COLLEGE, UC, CSU, CSAC, OPERATOR);

    DemoInstitution {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        if (!kind.accepts(id)) {
            throw new IllegalArgumentException(id + " is not valid for " + kind + ": expected " + kind.idDescription());
        }
    }
}
