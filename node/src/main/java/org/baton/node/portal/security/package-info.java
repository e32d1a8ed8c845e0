/**
 * Portal security: the {@link org.baton.node.portal.security.AccessPolicy} every page asks, CSRF tokens, the
 * per-address sign-in throttle and the security headers.
 */
package org.baton.node.portal.security;
