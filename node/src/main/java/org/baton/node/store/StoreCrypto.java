package org.baton.node.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * The store's cryptography, all derived from the node {@link DataKey} with HKDF-SHA256 under distinct labels:
 * AES-256-GCM for values of encrypted columns, HMAC-SHA256 for index keys built from personal data, and a key-check
 * value that lets {@code open} refuse a wrong key before it reads or writes anything.
 *
 * <p>Encrypted value layout: {@code [format 0x01][96-bit nonce][ciphertext ‖ 128-bit tag]}. The additional
 * authenticated data is {@code [length of column name][column name][key bytes]}, so a ciphertext copied to another
 * key or column fails authentication instead of decrypting as someone else's record.
 *
 * <p>Nonces: each thread starts at a 96-bit value drawn from {@link SecureRandom} and counts up from it by one per
 * encryption (modulo 2<sup>96</sup>). Within a thread the nonces never repeat before 2<sup>96</sup> encryptions;
 * two threads (of this or any other run under the same key) repeat one only if their runs of counted values overlap
 * on the 2<sup>96</sup> circle, which for {@code T} runs and {@code N} encryptions in all has probability at most
 * {@code T·N / 2^96} — below that of {@code N} independently drawn random nonces colliding for any realistic
 * {@code T}. It costs an increment instead of a locked read of the system's random source per value.
 *
 * <p>Thread-safe: ciphers, MACs and nonce counters are per thread.
 */
final class StoreCrypto {

    static final byte FORMAT_AES_GCM = 1;
    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;
    static final int OVERHEAD = 1 + NONCE_BYTES + TAG_BITS / 8;

    private static final String INFO_VALUE_KEY = "baton/store/v1/value-encryption";
    private static final String INFO_INDEX_KEY = "baton/store/v1/index-hmac";
    private static final String INFO_KEY_CHECK = "baton/store/v1/key-check";

    private final SecretKeySpec valueKey;
    private final SecretKeySpec indexKey;
    private final byte[] keyCheck;
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(StoreCrypto::newCipher);
    private final ThreadLocal<Mac> macs;
    private final ThreadLocal<NonceCounter> nonces = ThreadLocal.withInitial(NonceCounter::new);

    StoreCrypto(DataKey dataKey) {
        byte[] master = dataKey.bytes();
        try {
            valueKey = new SecretKeySpec(derive(master, INFO_VALUE_KEY), "AES");
            indexKey = new SecretKeySpec(derive(master, INFO_INDEX_KEY), "HmacSHA256");
            keyCheck = derive(master, INFO_KEY_CHECK);
        } finally {
            Arrays.fill(master, (byte) 0);
        }
        macs = ThreadLocal.withInitial(this::newMac);
    }

    /** A value that identifies the data key without revealing it; stored once in the store's meta column. */
    byte[] keyCheck() {
        return keyCheck.clone();
    }

    byte[] encrypt(byte[] columnName, byte[] key, byte[] plaintext) {
        byte[] nonce = nonces.get().next();
        Cipher cipher = ciphers.get();
        try {
            cipher.init(Cipher.ENCRYPT_MODE, valueKey, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(columnName, key));
            byte[] out = new byte[1 + NONCE_BYTES + cipher.getOutputSize(plaintext.length)];
            out[0] = FORMAT_AES_GCM;
            System.arraycopy(nonce, 0, out, 1, NONCE_BYTES);
            int written = cipher.doFinal(plaintext, 0, plaintext.length, out, 1 + NONCE_BYTES);
            if (written != out.length - 1 - NONCE_BYTES) {
                throw new IllegalStateException("AES-GCM wrote " + written + " bytes, expected "
                        + (out.length - 1 - NONCE_BYTES));
            }
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /**
     * Decrypts a value written by {@link #encrypt}.
     *
     * @throws AEADBadTagException if the value was not encrypted under this key for this column and key
     *     (wrong data key, tampering, or a value moved from elsewhere)
     * @throws IllegalArgumentException if the bytes are not in the encrypted value layout
     */
    byte[] decrypt(byte[] columnName, byte[] key, byte[] stored) throws AEADBadTagException {
        if (stored.length < OVERHEAD) {
            throw new IllegalArgumentException("encrypted value is " + stored.length + " bytes, shorter than the "
                    + OVERHEAD + "-byte envelope");
        }
        if (stored[0] != FORMAT_AES_GCM) {
            throw new IllegalArgumentException("encrypted value has unknown format " + stored[0]);
        }
        Cipher cipher = ciphers.get();
        try {
            cipher.init(Cipher.DECRYPT_MODE, valueKey, new GCMParameterSpec(TAG_BITS, stored, 1, NONCE_BYTES));
            cipher.updateAAD(aad(columnName, key));
            return cipher.doFinal(stored, 1 + NONCE_BYTES, stored.length - 1 - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        }
    }

    /**
     * HMAC-SHA256 under the index key of a domain label and fields, each length-prefixed so that no two different
     * field lists hash the same input.
     */
    byte[] indexHash(String domain, String... fields) {
        Mac mac = macs.get();
        update(mac, domain);
        for (String field : fields) {
            update(mac, field);
        }
        return mac.doFinal();
    }

    /** HMAC-SHA256 under the index key of a record's serialized bytes, to recognise unchanged records. */
    byte[] contentHash(byte[] serialized) {
        Mac mac = macs.get();
        update(mac, "content");
        mac.update(serialized);
        return mac.doFinal();
    }

    private static void update(Mac mac, String field) {
        byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
        mac.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
        mac.update(bytes);
    }

    private static byte[] aad(byte[] columnName, byte[] key) {
        byte[] aad = new byte[1 + columnName.length + key.length];
        aad[0] = (byte) columnName.length;
        System.arraycopy(columnName, 0, aad, 1, columnName.length);
        System.arraycopy(key, 0, aad, 1 + columnName.length, key.length);
        return aad;
    }

    private static byte[] derive(byte[] master, String info) {
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(master, null, info.getBytes(StandardCharsets.UTF_8)));
        byte[] out = new byte[32];
        hkdf.generateBytes(out, 0, out.length);
        return out;
    }

    /** A thread's nonces: a random 96-bit start, then one more per encryption (see the class comment). */
    private static final class NonceCounter {

        private long high;
        private int low;

        NonceCounter() {
            byte[] start = new byte[NONCE_BYTES];
            new SecureRandom().nextBytes(start);
            ByteBuffer buffer = ByteBuffer.wrap(start);
            high = buffer.getLong();
            low = buffer.getInt();
        }

        /** The current value as 12 big-endian bytes, then counts one up. */
        byte[] next() {
            byte[] nonce = ByteBuffer.allocate(NONCE_BYTES).putLong(high).putInt(low).array();
            low++;
            if (low == 0) {
                high++;
            }
            return nonce;
        }
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM/NoPadding is not available in this JVM", e);
        }
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(indexKey);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}
