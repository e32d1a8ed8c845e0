/** {@code baton export}: writes a node's records as Baton JSON Lines (see {@link org.baton.node.export}). */
package org.baton.tools.export;
