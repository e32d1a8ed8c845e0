package org.baton.node.importer;

import org.baton.proto.v1.Demographics;
import org.baton.proto.v1.Student;

/**
 * The parts of {@code Student} a format may or may not carry. A student row replaces exactly the facets its
 * source carries (a SINF file without a cohort column leaves the stored cohort alone; a OneRoster user never
 * touches the birth date), so rows from different formats combine without erasing each other.
 * Local ids are always added to, never replaced; eligibility flags come as their own entries.
 */
enum StudentFacet {
    SSID,
    NAME,
    BIRTH_DATE,
    GENDER,
    HISPANIC,
    RACE,
    HOME_LANGUAGE,
    ENGLISH_STATUS,
    SOCIOECONOMIC,
    DISABILITY,
    COHORT,
    GRADE_LEVEL,
    GPA_OPT_OUT,
    RESIDENCY;

    int bit() {
        return 1 << ordinal();
    }

    static int all() {
        return (1 << values().length) - 1;
    }

    static boolean has(int mask, StudentFacet facet) {
        return (mask & facet.bit()) != 0;
    }

    /** Copies this facet from {@code from} into {@code to}. */
    void copy(Student from, Student.Builder to) {
        Demographics d = from.getDemographics();
        switch (this) {
            case SSID -> to.setSsid(from.getSsid());
            case NAME -> to.setLegalName(from.getLegalName());
            case BIRTH_DATE -> to.setBirthDate(from.getBirthDate());
            case GENDER -> to.getDemographicsBuilder().setGender(d.getGender());
            case HISPANIC -> to.getDemographicsBuilder().setHispanic(d.getHispanic());
            case RACE -> to.getDemographicsBuilder().clearRaceCodes().addAllRaceCodes(d.getRaceCodesList());
            case HOME_LANGUAGE -> to.getDemographicsBuilder().setHomeLanguage(d.getHomeLanguage());
            case ENGLISH_STATUS -> to.getDemographicsBuilder().setEnglishStatus(d.getEnglishStatus());
            case SOCIOECONOMIC -> to.getDemographicsBuilder()
                    .setSocioeconomicallyDisadvantaged(d.getSocioeconomicallyDisadvantaged());
            case DISABILITY -> to.getDemographicsBuilder().setDisability(d.getDisability());
            case COHORT -> to.setCohortYear(from.getCohortYear());
            case GRADE_LEVEL -> to.setGradeLevel(from.getGradeLevel());
            case GPA_OPT_OUT -> to.setCalGrantGpaOptOut(from.getCalGrantGpaOptOut());
            case RESIDENCY -> to.setResidency(from.getResidency());
            default -> throw new AssertionError(this);
        }
    }

    /** True when {@code a} and {@code b} agree on this facet. */
    boolean same(Student a, Student b) {
        Demographics x = a.getDemographics();
        Demographics y = b.getDemographics();
        return switch (this) {
            case SSID -> a.getSsid().equals(b.getSsid());
            case NAME -> a.getLegalName().equals(b.getLegalName());
            case BIRTH_DATE -> a.getBirthDate().equals(b.getBirthDate());
            case GENDER -> x.getGender().equals(y.getGender());
            case HISPANIC -> x.getHispanic().equals(y.getHispanic());
            case RACE -> x.getRaceCodesList().equals(y.getRaceCodesList());
            case HOME_LANGUAGE -> x.getHomeLanguage().equals(y.getHomeLanguage());
            case ENGLISH_STATUS -> x.getEnglishStatus().equals(y.getEnglishStatus());
            case SOCIOECONOMIC -> x.getSocioeconomicallyDisadvantaged() == y.getSocioeconomicallyDisadvantaged();
            case DISABILITY -> x.getDisability() == y.getDisability();
            case COHORT -> a.getCohortYear() == b.getCohortYear();
            case GRADE_LEVEL -> a.getGradeLevel() == b.getGradeLevel();
            case GPA_OPT_OUT -> a.getCalGrantGpaOptOut() == b.getCalGrantGpaOptOut();
            case RESIDENCY -> a.getResidency() == b.getResidency();
        };
    }
}
