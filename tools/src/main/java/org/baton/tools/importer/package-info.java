/** {@code baton import}: loads SIS exports into a node's record store (see {@link org.baton.node.importer}). */
package org.baton.tools.importer;
