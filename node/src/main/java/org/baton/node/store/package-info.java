/**
 * The institution node's record store on RocksDB.
 *
 * <p>{@link org.baton.node.store.RecordStore} holds the institution's student records
 * ({@link org.baton.proto.v1.StudentRecord}) with indexes by SSID, local id and name with date of birth, and any
 * extra {@link org.baton.node.store.Column}s other features declare in {@link org.baton.node.store.StoreConfig}.
 * Writes go through a {@link org.baton.node.store.StoreTransaction} and are atomic; scans are {@code Stream}s the
 * caller closes.
 *
 * <p>At rest: student records and values of encrypted columns are AES-256-GCM encrypted, bound to their column and
 * key; index keys built from SSIDs, local ids, names and birth dates are HMAC-SHA256 values, never cleartext. Both
 * keys derive from the node {@link org.baton.node.store.DataKey}. The schema is versioned; older stores migrate or
 * are refused, newer ones are refused.
 */
package org.baton.node.store;
