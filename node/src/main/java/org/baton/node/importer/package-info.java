/**
 * Importing student information system exports into the node's record store.
 *
 * <p>{@link org.baton.node.importer.Importer} reads one of the {@link org.baton.node.importer.ImportFormat}s
 * (CALPADS-style CSV, OneRoster 1.1 CSV, PESC transcript XML, Baton JSON), validates every row, reports each
 * rejected row as {@code file:line: field: reason}, and writes every student whose rows are good to an
 * {@link org.baton.node.store.RecordStore} in atomic batches.
 *
 * <p>How it stays within bounded memory and stays idempotent:
 * <ol>
 *   <li><b>Read.</b> Each row is parsed, validated and turned into a <em>fragment</em> (a partial
 *       {@code StudentRecord} holding one fact). Fragments go to one of P spill files on disk chosen by a hash
 *       of the student's key (SSID, else local id), so all rows of a student from every input file land in the
 *       same partition. Nothing but the current row is held in memory.</li>
 *   <li><b>Load.</b> Each partition (tens of megabytes) is read back and grouped by student. A student's
 *       fragments are merged, by natural key, onto the record already stored (an SSID or local id lookup);
 *       rows naming a student that is neither in the import nor in the store are rejected (referential
 *       integrity). Partitions are merged by one thread per core, which also prepare the merged students for the
       store (serialize, hash, encrypt); one writer thread commits them in batches, each batch atomically.</li>
 * </ol>
 * Merging by natural key (enrollment: school and entry date; course: record id; aid application: kind and
 * award year; …) makes a re-run of the same input a no-op: the merged record equals the stored one and is not
 * written. A run killed at any point leaves only whole students behind, and re-running it completes the rest.
 */
package org.baton.node.importer;
