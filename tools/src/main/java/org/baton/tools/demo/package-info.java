/**
 * {@code baton demo}: a California consortium on one machine. {@link org.baton.tools.demo.DemoCommand} issues a
 * consortium CA and certificates for a K-12 district, a community college, a UC campus, a CSU campus, CSAC and the
 * ledger operator (CDE), writes each node's configuration under the data folder, starts the embedded ledger and
 * every node as its own OS process (the {@code baton ledger serve} and {@code baton node start} entry points, on the
 * same class path, logs under {@code DATA/logs}), then plays the consent-and-exchange scenario step by step and
 * reports each step as passed, failed, or missing (the demo cannot play it yet) — never pretending.
 */
package org.baton.tools.demo;
