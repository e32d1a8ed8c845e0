package org.baton.node.exchange;

/** Which way an exchange moves records, seen from this node. */
public enum ExchangeDirection {
    /** This node sends: it is the source (or discloses under a legal basis). */
    OUTBOUND,
    /** This node receives: it is the recipient. */
    INBOUND
}
