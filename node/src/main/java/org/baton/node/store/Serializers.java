package org.baton.node.store;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** Serializers for the common key and value types of {@link Column}s. */
public final class Serializers {

    private static final Serializer<Long> UINT64 = new Serializer<>() {
        @Override
        public byte[] serialize(Long value) {
            Objects.requireNonNull(value, "value");
            if (value < 0) {
                throw new IllegalArgumentException("uint64 key must not be negative, got " + value);
            }
            return ByteBuffer.allocate(Long.BYTES).putLong(value).array();
        }

        @Override
        public Long deserialize(byte[] bytes) {
            requireLength(bytes, Long.BYTES, "uint64");
            return ByteBuffer.wrap(bytes).getLong();
        }
    };

    private static final Serializer<Integer> UINT32 = new Serializer<>() {
        @Override
        public byte[] serialize(Integer value) {
            Objects.requireNonNull(value, "value");
            if (value < 0) {
                throw new IllegalArgumentException("uint32 key must not be negative, got " + value);
            }
            return ByteBuffer.allocate(Integer.BYTES).putInt(value).array();
        }

        @Override
        public Integer deserialize(byte[] bytes) {
            requireLength(bytes, Integer.BYTES, "uint32");
            return ByteBuffer.wrap(bytes).getInt();
        }
    };

    private static final Serializer<String> UTF8 = new Serializer<>() {
        @Override
        public byte[] serialize(String value) {
            Objects.requireNonNull(value, "value");
            return value.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String deserialize(byte[] bytes) {
            try {
                return StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes))
                        .toString();
            } catch (CharacterCodingException e) {
                throw new IllegalArgumentException("stored bytes are not valid UTF-8", e);
            }
        }
    };

    private static final Serializer<byte[]> BYTES = new Serializer<>() {
        @Override
        public byte[] serialize(byte[] value) {
            Objects.requireNonNull(value, "value");
            return value.clone();
        }

        @Override
        public byte[] deserialize(byte[] bytes) {
            return bytes.clone();
        }
    };

    private Serializers() {}

    /**
     * Non-negative {@code long}s as 8 bytes big-endian, so byte order is numeric order. Negative values are
     * rejected rather than silently sorted after every positive one.
     */
    public static Serializer<Long> uint64() {
        return UINT64;
    }

    /** Non-negative {@code int}s as 4 bytes big-endian. */
    public static Serializer<Integer> uint32() {
        return UINT32;
    }

    /** Strings as UTF-8; decoding rejects malformed bytes instead of replacing them. */
    public static Serializer<String> utf8() {
        return UTF8;
    }

    /** Raw bytes, copied in both directions so callers cannot alias stored arrays. */
    public static Serializer<byte[]> bytes() {
        return BYTES;
    }

    /**
     * Protocol buffer messages in their binary wire form. Not for keys: the wire form is not canonical.
     *
     * @param parser the message's parser, e.g. {@code StudentRecord.parser()}
     */
    public static <M extends MessageLite> Serializer<M> proto(Parser<M> parser) {
        Objects.requireNonNull(parser, "parser");
        return new Serializer<>() {
            @Override
            public byte[] serialize(M value) {
                Objects.requireNonNull(value, "value");
                return value.toByteArray();
            }

            @Override
            public M deserialize(byte[] bytes) {
                try {
                    return parser.parseFrom(bytes);
                } catch (InvalidProtocolBufferException e) {
                    throw new IllegalArgumentException("stored bytes are not a valid protocol buffer message", e);
                }
            }
        };
    }

    static void requireLength(byte[] bytes, int expected, String what) {
        if (bytes.length != expected) {
            throw new IllegalArgumentException(what + " must be " + expected + " bytes, got " + bytes.length);
        }
    }
}
