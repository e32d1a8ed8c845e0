/** {@code baton bench}: the benchmark harness. */
package org.baton.tools.bench;
