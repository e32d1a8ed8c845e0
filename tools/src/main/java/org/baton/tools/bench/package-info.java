/** {@code baton bench}: the benchmark harness; figures measured on this machine, printed and optionally written as JSON. */
package org.baton.tools.bench;
