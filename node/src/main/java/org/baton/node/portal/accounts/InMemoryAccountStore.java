package org.baton.node.portal.accounts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/** Accounts in maps guarded by one lock. */
final class InMemoryAccountStore implements AccountStore {

    private final Map<AccountId, Account> byId = new TreeMap<>((a, b) -> a.value().compareTo(b.value()));
    private final Map<String, AccountId> byUsername = new HashMap<>();
    private final Map<String, AccountId> byActivation = new HashMap<>();

    @Override
    public synchronized Optional<Account> find(AccountId id) {
        return Optional.ofNullable(byId.get(Objects.requireNonNull(id, "id")));
    }

    @Override
    public synchronized Optional<Account> findByUsername(String username) {
        return Optional.ofNullable(byUsername.get(Objects.requireNonNull(username, "username"))).map(byId::get);
    }

    @Override
    public synchronized Optional<Account> findByActivationCodeHash(String codeHash) {
        return Optional.ofNullable(byActivation.get(Objects.requireNonNull(codeHash, "codeHash"))).map(byId::get);
    }

    @Override
    public synchronized void put(Account account) {
        Objects.requireNonNull(account, "account");
        account.username().ifPresent(name -> {
            AccountId holder = byUsername.get(name);
            if (holder != null && !holder.equals(account.id())) {
                throw new UsernameTakenException(name);
            }
        });
        Account previous = byId.put(account.id(), account);
        if (previous != null) {
            previous.username().ifPresent(byUsername::remove);
            previous.activation().ifPresent(a -> byActivation.remove(a.codeHash()));
        }
        account.username().ifPresent(name -> byUsername.put(name, account.id()));
        account.activation().ifPresent(a -> byActivation.put(a.codeHash(), account.id()));
    }

    @Override
    public synchronized List<Account> list() {
        return List.copyOf(new ArrayList<>(byId.values()));
    }
}
