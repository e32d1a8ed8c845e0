/**
 * Benchmarks behind {@code baton bench}: measured loops over synthetic data that report figures per core, and
 * write them as JSON with {@code --json FILE}.
 */
package org.baton.tools.bench;
