/** {@code baton synth}: writes a synthetic California (see {@link org.baton.node.synth}). */
package org.baton.tools.synth;
