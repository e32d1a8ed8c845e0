package org.baton.node.importer;

/** The two passes of an import (see the package documentation). */
public enum ImportPhase {
    /** Reading and validating the input; progress counts input bytes. */
    READ,
    /** Merging each student's rows and writing them; progress counts students. */
    LOAD
}
