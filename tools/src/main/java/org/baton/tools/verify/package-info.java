/**
 * {@code baton verify}: offline verification of a saved record package
 * ({@link org.baton.tools.verify.VerifyCommand}).
 */
package org.baton.tools.verify;
