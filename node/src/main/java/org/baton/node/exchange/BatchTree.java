package org.baton.node.exchange;

import com.google.protobuf.ByteString;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.baton.ledger.Sha256;
import org.baton.proto.v1.BatchStep;

/**
 * The hash tree over packages a source signs together, so one Ed25519 signature covers a whole batch and each
 * package still verifies on its own (see {@code SignedPackage.batch_path} in package.proto).
 *
 * <p>A leaf is {@code SHA-256(0x00 || SHA-256(content))} and an inner node {@code SHA-256(0x01 || left || right)}:
 * the prefixes keep a leaf from passing for an inner node (RFC 9162 does the same). Leaves are paired left to right,
 * level by level; the last node of a level with an odd count goes up unchanged.
 */
final class BatchTree {

    /** The most steps a path may have: more than any batch a node signs, few enough to bound a hostile path's cost. */
    static final int MAX_STEPS = 32;

    private static final int HASH_BYTES = 32;
    private static final byte LEAF = 0x00;
    private static final byte NODE = 0x01;

    private BatchTree() {
    }

    /** A batch's root and, for each package in the order given, its path to the root. */
    record Tree(byte[] root, List<List<BatchStep>> paths) {
    }

    /** The tree over packages whose content hashes are {@code contentHashes}, in that order. */
    static Tree of(List<Sha256> contentHashes) {
        Objects.requireNonNull(contentHashes, "contentHashes");
        if (contentHashes.isEmpty()) {
            throw new IllegalArgumentException("a batch holds at least one package");
        }
        MessageDigest sha256 = Sha256.newDigest();
        List<byte[]> level = new ArrayList<>(contentHashes.size());
        for (Sha256 hash : contentHashes) {
            level.add(leaf(sha256, hash.bytes()));
        }
        List<List<BatchStep>> paths = new ArrayList<>(level.size());
        int[] position = new int[level.size()];
        for (int i = 0; i < level.size(); i++) {
            paths.add(new ArrayList<>());
            position[i] = i;
        }
        while (level.size() > 1) {
            for (int i = 0; i < position.length; i++) {
                int at = position[i];
                if (at % 2 == 1) {
                    paths.get(i).add(step(level.get(at - 1), true));
                } else if (at + 1 < level.size()) {
                    paths.get(i).add(step(level.get(at + 1), false));
                }
                position[i] = at / 2;
            }
            List<byte[]> next = new ArrayList<>((level.size() + 1) / 2);
            for (int at = 0; at < level.size(); at += 2) {
                next.add(at + 1 < level.size() ? node(sha256, level.get(at), level.get(at + 1)) : level.get(at));
            }
            level = next;
        }
        return new Tree(level.get(0), paths.stream().map(List::copyOf).toList());
    }

    /**
     * The root that {@code path} leads to from the package whose content hash is {@code contentDigest}; empty when the
     * path has more than {@link #MAX_STEPS} steps or a sibling that is not 32 bytes.
     */
    static Optional<byte[]> root(byte[] contentDigest, List<BatchStep> path) {
        Objects.requireNonNull(contentDigest, "contentDigest");
        Objects.requireNonNull(path, "path");
        if (path.size() > MAX_STEPS) {
            return Optional.empty();
        }
        MessageDigest sha256 = Sha256.newDigest();
        byte[] reached = leaf(sha256, contentDigest);
        for (BatchStep step : path) {
            if (step.getSibling().size() != HASH_BYTES) {
                return Optional.empty();
            }
            byte[] sibling = step.getSibling().toByteArray();
            reached = step.getSiblingLeft() ? node(sha256, sibling, reached) : node(sha256, reached, sibling);
        }
        return Optional.of(reached);
    }

    private static BatchStep step(byte[] sibling, boolean left) {
        return BatchStep.newBuilder().setSibling(ByteString.copyFrom(sibling)).setSiblingLeft(left).build();
    }

    private static byte[] leaf(MessageDigest sha256, byte[] contentDigest) {
        sha256.update(LEAF);
        return sha256.digest(contentDigest);
    }

    private static byte[] node(MessageDigest sha256, byte[] left, byte[] right) {
        sha256.update(NODE);
        sha256.update(left);
        return sha256.digest(right);
    }
}
