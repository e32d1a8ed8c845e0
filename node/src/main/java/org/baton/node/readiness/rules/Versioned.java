package org.baton.node.readiness.rules;

import java.util.List;

/** A rule version that applies from a key (a cohort year, a term ordinal) until the next version's key. */
public interface Versioned {

    /** The first key the version applies to. */
    int versionKey();

    /**
     * The version in force at a key: the one with the greatest {@link #versionKey()} not after it. A key before
     * every version gets the earliest version (the caller says so in the explanation trail).
     *
     * @param versions versions sorted by key, not empty
     * @param key the cohort year or term ordinal
     */
    static <T extends Versioned> T at(List<T> versions, int key) {
        T chosen = versions.get(0);
        for (T version : versions) {
            if (version.versionKey() <= key) {
                chosen = version;
            }
        }
        return chosen;
    }
}
