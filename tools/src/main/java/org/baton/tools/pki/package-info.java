/** {@code baton pki}: thin commands over {@link org.baton.trust.ConsortiumCa} and {@link org.baton.trust.Consortium}. */
package org.baton.tools.pki;
