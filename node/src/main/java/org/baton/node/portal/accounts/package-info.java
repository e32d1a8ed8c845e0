/**
 * Portal accounts: roles, one-time activation codes, Argon2id password hashes, the common-password check,
 * lockout after repeated failures and the TOTP second factor. {@link org.baton.node.portal.accounts.Accounts} is
 * the entry point; {@link org.baton.node.portal.accounts.AccountStore} is where accounts persist.
 */
package org.baton.node.portal.accounts;
