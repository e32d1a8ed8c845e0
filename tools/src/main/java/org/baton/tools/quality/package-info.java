/** {@code baton quality}: runs a node's data-quality rules and reports what they found (see {@link org.baton.node.quality}). */
package org.baton.tools.quality;
