/**
 * The {@code baton} command line (picocli): {@link org.baton.tools.Baton} is the entry point; each group of
 * subcommands lives in its own package ({@code pki}, {@code node}).
 */
package org.baton.tools;
