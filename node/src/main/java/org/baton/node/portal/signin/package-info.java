/** Sign-in, activation, the TOTP second factor, sign-out and the account page. */
package org.baton.node.portal.signin;
