/**
 * The node-hosted portal for students, guardians, counselors, registrars, administrators and auditors:
 * {@link org.baton.node.portal.PortalServer} serves it over HTTPS. Feature packages: accounts, session, security,
 * i18n, web (plumbing), signin, and the pages of each role.
 */
package org.baton.node.portal;
