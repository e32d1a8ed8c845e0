/**
 * {@code baton portal}: administer a running node's portal over its loopback admin service
 * ({@code NodeAdmin} in admin.proto).
 */
package org.baton.tools.portal;
