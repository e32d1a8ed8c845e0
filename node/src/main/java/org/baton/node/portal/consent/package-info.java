/**
 * Consent pages (grant with a plain-language summary, list, revoke; the access log) and the
 * {@link org.baton.node.portal.consent.ConsentDesk} port they use, backed by the ledger and the exchange outbox.
 */
package org.baton.node.portal.consent;
