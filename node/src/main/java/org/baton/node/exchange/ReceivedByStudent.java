package org.baton.node.exchange;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.baton.node.store.Column;
import org.baton.node.store.RecordStore;
import org.baton.node.store.Serializers;
import org.baton.node.store.StoreTransaction;
import org.baton.node.student.Ssid;

/**
 * The index of received packages by student: {@code received-student/HMAC(SSID)/package id → package id} in the
 * exchange index column. The SSID never appears in the clear in a key: it is an HMAC-SHA256 under a random pepper
 * drawn once and kept encrypted in the store ({@code exchange_secrets}), like the store's own student indexes.
 * A recipient that holds no record of the student (a university receiving a district's transcript) finds what it
 * received for the student through this index.
 */
final class ReceivedByStudent {

    static final Column<String, byte[]> SECRETS = Column.encrypted("exchange_secrets", Serializers.utf8(),
            Serializers.bytes());

    private static final String PEPPER = "received-student-pepper";
    private static final String PREFIX = "received-student/";
    private static final String HMAC = "HmacSHA256";

    private final SecretKeySpec pepper;
    /** Per thread: {@code Mac.getInstance} looks the provider up on every call, a cost paid once per package. */
    private final ThreadLocal<Mac> macs;

    private ReceivedByStudent(byte[] pepper) {
        this.pepper = new SecretKeySpec(pepper, HMAC);
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** The index over {@code store}, drawing and keeping its pepper on first use. */
    static ReceivedByStudent open(RecordStore store) {
        Objects.requireNonNull(store, "store");
        Optional<byte[]> existing = store.get(SECRETS, PEPPER);
        if (existing.isPresent()) {
            return new ReceivedByStudent(existing.get());
        }
        try (StoreTransaction tx = store.beginTransaction()) {
            Optional<byte[]> raced = tx.get(SECRETS, PEPPER);
            if (raced.isPresent()) {
                return new ReceivedByStudent(raced.get());
            }
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            tx.put(SECRETS, PEPPER, fresh);
            tx.commit();
            return new ReceivedByStudent(fresh);
        }
    }

    /** The index prefix (ending in '/') of every package received for the student with {@code ssid}. */
    String prefix(Ssid ssid) {
        return PREFIX + hash(ssid) + "/";
    }

    /** The index key of one package received for the student whose record carries {@code ssid}. */
    String key(Ssid ssid, PackageId packageId) {
        return prefix(ssid) + packageId.value();
    }

    /** The key for a package whose record carries {@code ssid} (as received), if it is a valid SSID. */
    Optional<String> key(String ssid, PackageId packageId) {
        try {
            return Optional.of(key(Ssid.of(ssid), packageId));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * A key the same for every package about the student whose record carries {@code ssid}, and no personal data
     * (the keyed hash of the index); empty for a malformed SSID.
     */
    Optional<String> studentKey(String ssid) {
        try {
            return Optional.of(hash(Ssid.of(ssid)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private String hash(Ssid ssid) {
        return HexFormat.of().formatHex(macs.get().doFinal(ssid.value().getBytes(StandardCharsets.US_ASCII)));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(pepper);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(HMAC + " is not available in this JDK", e);
        }
    }
}
