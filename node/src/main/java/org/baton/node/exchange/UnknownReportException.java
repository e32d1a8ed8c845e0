package org.baton.node.exchange;

import java.util.Objects;

/** The caller filed no discrepancy report with this id here. */
public final class UnknownReportException extends ExchangeException {

    private static final long serialVersionUID = 1L;

    public UnknownReportException(String reportId) {
        super("no report " + Objects.requireNonNull(reportId, "reportId") + " was filed here by the caller", null);
    }
}
