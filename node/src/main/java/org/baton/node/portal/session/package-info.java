/**
 * Server-side portal sessions: random tokens stored as hashes, rotated at every sign-in step, idle and absolute
 * timeouts, sign-out everywhere. {@link org.baton.node.portal.session.Sessions} is the entry point.
 */
package org.baton.node.portal.session;
