package org.baton.trust;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

/** PEM files as {@code baton pki} writes them: X.509 certificates and PKCS#8 private keys. */
final class Pem {

    static final String CERTIFICATE = "CERTIFICATE";
    static final String PRIVATE_KEY = "PRIVATE KEY";

    private static final Set<PosixFilePermission> KEY_PERMISSIONS = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIRECTORY_PERMISSIONS = PosixFilePermissions.fromString("rwx------");

    private Pem() {
    }

    static String encode(String type, byte[] der) {
        StringWriter text = new StringWriter();
        try (PemWriter writer = new PemWriter(text)) {
            writer.writeObject(new PemObject(type, der));
        } catch (IOException e) {
            throw new IllegalStateException("writing PEM to a string failed", e);
        }
        return text.toString();
    }

    static String encodeCertificate(X509Certificate certificate) {
        try {
            return encode(CERTIFICATE, certificate.getEncoded());
        } catch (CertificateException e) {
            throw new IllegalArgumentException("certificate cannot be DER-encoded", e);
        }
    }

    static String encodeEd25519PrivateKey(Ed25519PrivateKeyParameters key) {
        try {
            // PKCS#8 v1 (RFC 8410) without the optional public key: what OpenSSL and the JDK read and write.
            PrivateKeyInfo info = new PrivateKeyInfo(new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519),
                    new DEROctetString(key.getEncoded()));
            return encode(PRIVATE_KEY, info.getEncoded());
        } catch (IOException e) {
            throw new IllegalStateException("encoding an Ed25519 private key failed", e);
        }
    }

    static String encodePrivateKey(PrivateKey key) {
        if (!"PKCS#8".equals(key.getFormat())) {
            throw new IllegalArgumentException("private key is not PKCS#8-encodable: " + key.getFormat());
        }
        return encode(PRIVATE_KEY, key.getEncoded());
    }

    static X509Certificate readCertificate(Path file) {
        byte[] der = readSingle(file, CERTIFICATE);
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new CredentialsLoadException(file, "not a valid X.509 certificate: " + e.getMessage(), e);
        }
    }

    static X509Certificate parseCertificate(String pem, String what) {
        try (PemReader reader = new PemReader(new StringReader(pem))) {
            PemObject object = reader.readPemObject();
            if (object == null || !CERTIFICATE.equals(object.getType())) {
                throw new IllegalArgumentException(what + " is not a PEM certificate");
            }
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(object.getContent()));
        } catch (IOException | CertificateException e) {
            throw new IllegalArgumentException(what + " is not a valid PEM certificate: " + e.getMessage(), e);
        }
    }

    /** An ECDSA private key (PKCS#8). */
    static PrivateKey readEcPrivateKey(Path file) {
        byte[] der = readSingle(file, PRIVATE_KEY);
        try {
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new CredentialsLoadException(file, "not a PKCS#8 ECDSA private key: " + e.getMessage(), e);
        }
    }

    /** An Ed25519 private key (PKCS#8). */
    static Ed25519PrivateKeyParameters readEd25519PrivateKey(Path file) {
        byte[] der = readSingle(file, PRIVATE_KEY);
        AsymmetricKeyParameter key;
        try {
            key = PrivateKeyFactory.createKey(PrivateKeyInfo.getInstance(der));
        } catch (IOException | RuntimeException e) {
            throw new CredentialsLoadException(file, "not a PKCS#8 private key: " + e.getMessage(), e);
        }
        if (!(key instanceof Ed25519PrivateKeyParameters ed25519)) {
            throw new CredentialsLoadException(file, "holds a " + key.getClass().getSimpleName()
                    + ", not an Ed25519 private key");
        }
        return ed25519;
    }

    private static byte[] readSingle(Path file, String type) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new CredentialsLoadException(file, "file does not exist", e);
        } catch (IOException e) {
            throw new CredentialsLoadException(file, "cannot read: " + e.getMessage(), e);
        }
        try (PemReader reader = new PemReader(new StringReader(text))) {
            PemObject object = reader.readPemObject();
            if (object == null) {
                throw new CredentialsLoadException(file, "no PEM block found (expected " + type + ")");
            }
            if (!type.equals(object.getType())) {
                throw new CredentialsLoadException(file, "holds a PEM " + object.getType() + " block, expected " + type);
            }
            if (reader.readPemObject() != null) {
                throw new CredentialsLoadException(file, "holds more than one PEM block, expected a single " + type);
            }
            return object.getContent();
        } catch (IOException e) {
            throw new CredentialsLoadException(file, "malformed PEM: " + e.getMessage(), e);
        }
    }

    /**
     * Writes a set of files into a new directory {@code dir} all at once: they are written into a sibling
     * directory first, which is then renamed, so a failure never leaves a half-written {@code dir} behind.
     * Files whose name ends in {@code .key.pem} get owner-only permissions (0600), the directory 0700.
     */
    static void writeNewDirectory(Path dir, Map<String, String> files) throws IOException {
        Path target = dir.toAbsolutePath().normalize();
        if (Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString(), null, "refusing to overwrite existing key material");
        }
        Path parent = target.getParent();
        Files.createDirectories(parent);
        Path staging = parent.resolve("." + target.getFileName() + ".partial-" + UUID.randomUUID());
        createDirectory(staging);
        try {
            for (var file : files.entrySet()) {
                writeNewFile(staging.resolve(file.getKey()), file.getValue(), file.getKey().endsWith(".key.pem"));
            }
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(staging, files.keySet());
            throw e;
        }
    }

    /** Writes {@code content} into a file that must not exist yet; private files get 0600 from the start. */
    static void writeNewFile(Path file, String content, boolean privateFile) throws IOException {
        if (privateFile && supportsPosix(file.toAbsolutePath().getParent())) {
            FileAttribute<Set<PosixFilePermission>> owner = PosixFilePermissions.asFileAttribute(KEY_PERMISSIONS);
            Files.createFile(file, owner);
        } else {
            Files.createFile(file);
        }
        Files.writeString(file, content, StandardCharsets.US_ASCII);
    }

    /** Whether a private key file can be read by anyone but its owner (on file systems with POSIX permissions). */
    static boolean readableByOthers(Path file) {
        try {
            if (!supportsPosix(file)) {
                return false;
            }
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            return permissions.contains(PosixFilePermission.GROUP_READ)
                    || permissions.contains(PosixFilePermission.OTHERS_READ);
        } catch (IOException e) {
            return false;
        }
    }

    private static void createDirectory(Path dir) throws IOException {
        if (supportsPosix(dir.getParent())) {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIRECTORY_PERMISSIONS));
        } else {
            Files.createDirectory(dir);
        }
    }

    private static boolean supportsPosix(Path existing) {
        try {
            return Files.getFileStore(existing).supportsFileAttributeView("posix");
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteQuietly(Path dir, Set<String> names) {
        for (String name : names) {
            try {
                Files.deleteIfExists(dir.resolve(name));
            } catch (IOException ignored) {
                // best effort: the staging directory has a name no one else uses
            }
        }
        try {
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // best effort
        }
    }
}
