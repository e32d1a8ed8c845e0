package org.baton.node.portal.accounts;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.baton.node.store.Column;
import org.baton.node.store.ColumnEntry;
import org.baton.node.store.RecordStore;
import org.baton.node.store.Serializers;
import org.baton.node.store.StoreTransaction;

/**
 * Accounts in the node's record store. Accounts are encrypted at rest; the username index is keyed by an HMAC of
 * the username under a random pepper kept (encrypted) in the store, so no username appears in the clear; the
 * activation index is keyed by the code's SHA-256. Every put changes the account and its index entries in one
 * transaction.
 */
final class RecordStoreAccountStore implements AccountStore {

    static final Column<String, byte[]> ACCOUNTS =
            Column.encrypted("portal_accounts", Serializers.utf8(), Serializers.bytes());
    static final Column<String, String> BY_USERNAME =
            Column.plain("portal_account_usernames", Serializers.utf8(), Serializers.utf8());
    static final Column<String, String> BY_ACTIVATION =
            Column.plain("portal_account_activations", Serializers.utf8(), Serializers.utf8());
    static final Column<String, byte[]> META =
            Column.encrypted("portal_meta", Serializers.utf8(), Serializers.bytes());
    static final List<Column<?, ?>> COLUMNS = List.of(ACCOUNTS, BY_USERNAME, BY_ACTIVATION, META);

    private static final String PEPPER = "username-pepper";

    private final RecordStore store;
    private final byte[] pepper;

    RecordStoreAccountStore(RecordStore store) {
        this.store = Objects.requireNonNull(store, "store");
        this.pepper = pepper(store);
    }

    private static byte[] pepper(RecordStore store) {
        Optional<byte[]> existing = store.get(META, PEPPER);
        if (existing.isPresent()) {
            return existing.get();
        }
        try (StoreTransaction tx = store.beginTransaction()) {
            Optional<byte[]> raced = tx.get(META, PEPPER);
            if (raced.isPresent()) {
                return raced.get();
            }
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            tx.put(META, PEPPER, fresh);
            tx.commit();
            return fresh;
        }
    }

    @Override
    public Optional<Account> find(AccountId id) {
        return store.get(ACCOUNTS, Objects.requireNonNull(id, "id").value()).map(AccountCodec::decode);
    }

    @Override
    public Optional<Account> findByUsername(String username) {
        return store.get(BY_USERNAME, usernameKey(Objects.requireNonNull(username, "username")))
                .flatMap(id -> find(new AccountId(id)));
    }

    @Override
    public Optional<Account> findByActivationCodeHash(String codeHash) {
        return store.get(BY_ACTIVATION, Objects.requireNonNull(codeHash, "codeHash"))
                .flatMap(id -> find(new AccountId(id)));
    }

    @Override
    public synchronized void put(Account account) {
        Objects.requireNonNull(account, "account");
        try (StoreTransaction tx = store.beginTransaction()) {
            if (account.username().isPresent()) {
                Optional<String> holder = tx.get(BY_USERNAME, usernameKey(account.username().get()));
                if (holder.isPresent() && !holder.get().equals(account.id().value())) {
                    throw new UsernameTakenException(account.username().get());
                }
            }
            Optional<Account> previous = tx.get(ACCOUNTS, account.id().value()).map(AccountCodec::decode);
            if (previous.isPresent()) {
                previous.get().username().ifPresent(u -> tx.delete(BY_USERNAME, usernameKey(u)));
                previous.get().activation().ifPresent(a -> tx.delete(BY_ACTIVATION, a.codeHash()));
            }
            tx.put(ACCOUNTS, account.id().value(), AccountCodec.encode(account));
            account.username().ifPresent(u -> tx.put(BY_USERNAME, usernameKey(u), account.id().value()));
            account.activation().ifPresent(a -> tx.put(BY_ACTIVATION, a.codeHash(), account.id().value()));
            tx.commit();
        }
    }

    @Override
    public List<Account> list() {
        try (Stream<ColumnEntry<String, byte[]>> all = store.scan(ACCOUNTS)) {
            return all.map(e -> AccountCodec.decode(e.value())).toList();
        }
    }

    private String usernameKey(String username) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(pepper, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
        }
    }
}
