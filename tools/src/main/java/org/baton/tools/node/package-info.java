/** {@code baton node}: run an institution node ({@link org.baton.node.NodeApp}). */
package org.baton.tools.node;
