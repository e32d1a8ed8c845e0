package org.baton.node.portal.accounts;

import java.util.List;
import java.util.Optional;

/**
 * Where accounts persist. Implementations keep the username and activation-code indexes in step with the
 * accounts, atomically, and are safe for concurrent use. A shared contract test runs against each.
 */
public interface AccountStore {

    Optional<Account> find(AccountId id);

    /** The account with this (lower-case) username. */
    Optional<Account> findByUsername(String username);

    /** The pending account whose activation code hashes to {@code codeHash} (lower-case hex SHA-256). */
    Optional<Account> findByActivationCodeHash(String codeHash);

    /**
     * Inserts or replaces an account and its index entries.
     *
     * @throws UsernameTakenException when another account already has the account's username
     */
    void put(Account account);

    /** Every account, in id order. */
    List<Account> list();

    /** The record-store columns the store-backed implementation uses; declare them when opening the store. */
    List<org.baton.node.store.Column<?, ?>> STORE_COLUMNS = RecordStoreAccountStore.COLUMNS;

    /** Accounts in the node's record store (opened with {@link #STORE_COLUMNS}). */
    static AccountStore inRecordStore(org.baton.node.store.RecordStore store) {
        return new RecordStoreAccountStore(store);
    }

    /** An account store in memory, for tests and for a node run without a record store. */
    static AccountStore inMemory() {
        return new InMemoryAccountStore();
    }
}
