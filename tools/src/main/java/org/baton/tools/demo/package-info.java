/**
 * {@code baton demo}: a California consortium on one machine. {@link org.baton.tools.demo.DemoCommand} issues a
 * consortium CA and certificates for a K-12 district, a community college, a UC campus, a CSU campus, CSAC and the
 * ledger operator (CDE), writes each node's configuration under the data folder, starts the embedded ledger and
 * every node as its own OS process (the {@code baton ledger serve} and {@code baton node start} entry points, on the
 * same class path, logs under {@code DATA/logs}) — the district and the college once synthetic students
 * ({@code baton synth}) are imported into their stores with the importer — then plays the consent-and-exchange
 * scenario step by step through the real code paths (the portals' pages over HTTPS, the nodes' admin services, the
 * exchange between the processes, the ledger) and reports each step as passed or failed, checked against what the
 * ledger and the nodes say — never pretending.
 */
package org.baton.tools.demo;
