package org.baton.node.readiness.rules;

/** A letter grade without its plus or minus, as the GPA tables key their points. */
public enum Letter {
    A, B, C, D, F
}
