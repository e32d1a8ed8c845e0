package org.baton.node.exchange;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.baton.ledger.GrantId;
import org.baton.node.store.RecordStore;
import org.baton.node.store.StoreTransaction;
import org.baton.node.student.StudentId;

/**
 * Which grants and exchanges concern one of this node's students, for the student's access log: one key per link
 * in the exchange index column, {@code student-link/HMAC(student id)/g/<grant id>} and
 * {@code student-link/HMAC(student id)/e/<exchange id>}, so linking an exchange is one put whatever the student's
 * history (no read, no rewrite of a list). The student id never appears in the clear in a key: it is an HMAC-SHA256
 * under a random pepper drawn once and kept encrypted in the store ({@code exchange_secrets}).
 *
 * <p>Stores written before this layout keep a student's links in one encrypted list per student
 * ({@code exchange_student_links}); {@link ExchangeStore#studentLinks} reads both.
 */
final class StudentLinks {

    static final String PREFIX = "student-link/";
    static final String GRANT = "g/";
    static final String EXCHANGE = "e/";

    private static final String PEPPER = "student-link-pepper";
    private static final String HMAC = "HmacSHA256";

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    private StudentLinks(byte[] pepper) {
        this.key = new SecretKeySpec(pepper, HMAC);
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** The links over {@code store}, drawing and keeping their pepper on first use. */
    static StudentLinks open(RecordStore store) {
        Objects.requireNonNull(store, "store");
        Optional<byte[]> existing = store.get(ReceivedByStudent.SECRETS, PEPPER);
        if (existing.isPresent()) {
            return new StudentLinks(existing.get());
        }
        try (StoreTransaction tx = store.beginTransaction()) {
            Optional<byte[]> raced = tx.get(ReceivedByStudent.SECRETS, PEPPER);
            if (raced.isPresent()) {
                return new StudentLinks(raced.get());
            }
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            tx.put(ReceivedByStudent.SECRETS, PEPPER, fresh);
            tx.commit();
            return new StudentLinks(fresh);
        }
    }

    /** The index prefix (ending in '/') of every link of {@code student}. */
    String prefix(StudentId student) {
        Objects.requireNonNull(student, "student");
        Mac mac = macs.get();
        return PREFIX + HexFormat.of().formatHex(mac.doFinal(ByteBuffer.allocate(Long.BYTES)
                .putLong(student.value()).array())) + "/";
    }

    /** Records, inside {@code tx}, that {@code grant} and {@code exchange} (those present) concern {@code student}. */
    void link(StoreTransaction tx, StudentId student, Optional<GrantId> grant, Optional<ExchangeId> exchange) {
        put(tx, entries(student, grant, exchange));
    }

    /** One index entry of a link. */
    record Entry(String key, String value) {
    }

    /**
     * The index entries that {@link #link} writes, computed (keyed hash included) outside the transaction so that
     * the store writer thread only puts them with {@link #put}.
     */
    List<Entry> entries(StudentId student, Optional<GrantId> grant, Optional<ExchangeId> exchange) {
        if (grant.isEmpty() && exchange.isEmpty()) {
            return List.of();
        }
        String prefix = prefix(student);
        List<Entry> out = new ArrayList<>(2);
        grant.ifPresent(g -> out.add(new Entry(prefix + GRANT + g.value(), g.value())));
        exchange.ifPresent(e -> out.add(new Entry(prefix + EXCHANGE + e.value(), e.value())));
        return out;
    }

    static void put(StoreTransaction tx, List<Entry> entries) {
        for (Entry entry : entries) {
            tx.put(ExchangeStore.INDEX, entry.key(), entry.value());
        }
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(HMAC + " is not available in this JDK", e);
        }
    }
}
