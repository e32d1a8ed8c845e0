package org.baton.node.store;

import java.util.Objects;
import java.util.function.Function;

/**
 * Turns keys or values of one type into bytes and back. Key serializers must be deterministic (equal values give
 * equal bytes) and, for range scans, order-preserving under unsigned byte-wise comparison: numbers fixed-width
 * big-endian. Ready-made serializers are in {@link Serializers}.
 *
 * <p>Implementations throw an unchecked exception (typically {@link IllegalArgumentException}) for a value they
 * cannot encode or bytes they cannot decode; the store reports it with the column's name.
 *
 * @param <T> the type serialized
 */
public interface Serializer<T> {

    byte[] serialize(T value);

    T deserialize(byte[] bytes);

    /**
     * A serializer for {@code U} that stores it as this serializer's {@code T}, e.g. a typed id over
     * {@link Serializers#uint64()}: {@code Serializers.uint64().map(StudentId::new, StudentId::value)}.
     */
    default <U> Serializer<U> map(Function<? super T, ? extends U> decode, Function<? super U, ? extends T> encode) {
        Objects.requireNonNull(decode, "decode");
        Objects.requireNonNull(encode, "encode");
        Serializer<T> inner = this;
        return new Serializer<>() {
            @Override
            public byte[] serialize(U value) {
                return inner.serialize(encode.apply(value));
            }

            @Override
            public U deserialize(byte[] bytes) {
                return decode.apply(inner.deserialize(bytes));
            }
        };
    }
}
