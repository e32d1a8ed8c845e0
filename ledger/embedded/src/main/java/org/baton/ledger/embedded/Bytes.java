package org.baton.ledger.embedded;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.baton.trust.InstitutionId;

/** Fixed-width, big-endian key encodings, so RocksDB's byte order is the order of the values. */
final class Bytes {

    /** Width of an institution id in a key: the longest id (a 14-digit CDS code), zero-padded. */
    static final int INSTITUTION_WIDTH = 14;

    private Bytes() {
    }

    static byte[] longKey(long value) {
        return ByteBuffer.allocate(Long.BYTES).putLong(value).array();
    }

    static long readLong(byte[] bytes, int offset) {
        return ByteBuffer.wrap(bytes, offset, Long.BYTES).getLong();
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    static String hex(byte[] bytes, int offset, int length) {
        return HexFormat.of().formatHex(bytes, offset, offset + length);
    }

    static byte[] institution(InstitutionId id) {
        byte[] out = new byte[INSTITUTION_WIDTH];
        byte[] ascii = id.value().getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(ascii, 0, out, 0, ascii.length);
        return out;
    }

    static int compare(byte[] a, byte[] b) {
        return java.util.Arrays.compareUnsigned(a, b);
    }
}
