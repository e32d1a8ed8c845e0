package org.baton.node.store;

import org.baton.proto.v1.StudentRecord;

/**
 * A student record made ready to be written, by {@link RecordStore#prepareStudent}: validated, serialized, its
 * keyed hashes computed and its value encrypted. Preparing is the CPU-heavy part of a write and is thread-safe, so a
 * bulk load prepares on several threads while one thread writes with {@link StoreTransaction#putPrepared} or
 * {@link RecordStore#writePrepared}. Valid only for the store that prepared it.
 */
public interface PreparedStudent {

    /** The record as it will be stored. */
    StudentRecord record();
}
