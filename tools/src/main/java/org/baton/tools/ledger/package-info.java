/**
 * The {@code baton ledger} commands ({@code serve}, {@code verify}) and {@code baton bench ledger}, over the
 * embedded ledger of {@link org.baton.ledger.embedded}.
 */
package org.baton.tools.ledger;
