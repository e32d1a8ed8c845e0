package org.baton.node.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The node data key: 32 random bytes from which the store derives its value-encryption key (AES-256-GCM) and its
 * index key (HMAC-SHA256). It lives in its own file, readable by the owner only, and is not part of a
 * {@linkplain RecordStore#createCheckpoint checkpoint}: back it up separately, since a store is unreadable
 * without it. {@link #toString()} never shows the key.
 */
public final class DataKey {

    static final int LENGTH = 32;

    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    private static final Set<PosixFilePermission> GROUP_OR_OTHER = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final byte[] key;

    private DataKey(byte[] key) {
        if (key.length != LENGTH) {
            throw new IllegalArgumentException("data key must be " + LENGTH + " bytes, got " + key.length);
        }
        this.key = key.clone();
    }

    /**
     * Loads the key from {@code file}, or, if the file does not exist, creates it with 32 bytes from a
     * {@link SecureRandom}, permissions {@code 0600}, written to a temporary file, flushed and then linked into
     * place so a crash never leaves a partial key behind.
     *
     * @throws DataKeyException if the file cannot be read or created, is not exactly 32 bytes, or can be read by
     *     group or others
     */
    public static DataKey loadOrCreate(Path file) {
        Objects.requireNonNull(file, "file");
        if (Files.exists(file)) {
            return load(file);
        }
        byte[] fresh = new byte[LENGTH];
        new SecureRandom().nextBytes(fresh);
        Path absolute = file.toAbsolutePath();
        Path directory = absolute.getParent();
        Path temporary = directory.resolve("." + absolute.getFileName() + "." + System.nanoTime() + ".tmp");
        try {
            Files.createDirectories(directory);
            try (FileChannel channel = FileChannel.open(temporary,
                    EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly(directory))) {
                ByteBuffer buffer = ByteBuffer.wrap(fresh);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                // A hard link fails if the target appeared meanwhile (another process won the race): then use its key.
                Files.createLink(absolute, temporary);
            } catch (FileAlreadyExistsException raced) {
                return load(file);
            } catch (UnsupportedOperationException noLinks) {
                Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE);
            }
            syncDirectory(directory);
        } catch (IOException e) {
            throw new DataKeyException(file, "cannot create a new data key", e);
        } finally {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // A leftover temporary file holds no key in use; it is harmless.
            }
        }
        return new DataKey(fresh);
    }

    /**
     * Loads an existing key file, e.g. to open a restored checkpoint.
     *
     * @throws DataKeyException if the file is missing or unreadable, is not exactly 32 bytes, or can be read by
     *     group or others
     */
    public static DataKey load(Path file) {
        Objects.requireNonNull(file, "file");
        try {
            PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
            if (posix != null) {
                Set<PosixFilePermission> permissions = posix.readAttributes().permissions();
                permissions.retainAll(GROUP_OR_OTHER);
                if (!permissions.isEmpty()) {
                    throw new DataKeyException(file, "permissions allow access by group or others ("
                            + PosixFilePermissions.toString(posix.readAttributes().permissions())
                            + "); restrict it to the owner, e.g. chmod 600");
                }
            }
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length != LENGTH) {
                throw new DataKeyException(file, "must hold exactly " + LENGTH + " bytes, found " + bytes.length);
            }
            return new DataKey(bytes);
        } catch (NoSuchFileException e) {
            throw new DataKeyException(file, "does not exist", e);
        } catch (IOException e) {
            throw new DataKeyException(file, "cannot be read", e);
        }
    }

    /** A key from bytes held elsewhere (tests, a future key-management integration). */
    static DataKey ofBytes(byte[] key) {
        return new DataKey(Objects.requireNonNull(key, "key"));
    }

    /** The raw key, for key derivation inside the store only. */
    byte[] bytes() {
        return key.clone();
    }

    @Override
    public String toString() {
        return "DataKey[redacted]";
    }

    private static FileAttribute<?>[] ownerOnly(Path directory) {
        if (Files.getFileAttributeView(directory, PosixFileAttributeView.class) == null) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)};
    }

    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // Not every platform can fsync a directory; the key file itself is already flushed.
        }
    }
}
