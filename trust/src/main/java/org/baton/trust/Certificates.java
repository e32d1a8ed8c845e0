package org.baton.trust;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Builds and inspects the consortium's X.509 certificates. ECDSA goes through the JDK's own provider (SunEC);
 * Ed25519 public keys are wrapped as SubjectPublicKeyInfo by BouncyCastle.
 */
final class Certificates {

    static final String CA_SIGNATURE_ALGORITHM = "SHA256withECDSA";
    static final String TLS_UNIT = "Baton TLS";
    static final String SIGNING_UNIT = "Baton signing";

    private Certificates() {
    }

    static KeyPair generateP256(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot generate ECDSA P-256 keys", e);
        }
    }

    static X509Certificate selfSignedCa(String name, KeyPair keys, Validity validity, SecureRandom random) {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, name).build();
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new X509v3CertificateBuilder(subject, serial(random),
                    Date.from(validity.notBefore()), Date.from(validity.notAfter()), subject,
                    SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()))
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(keys.getPublic()));
            return sign(builder, keys.getPrivate());
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("building the CA certificate failed", e);
        }
    }

    /** A TLS certificate for both ends of mutual TLS: CN = the institution id, SAN = loopback and {@code host}. */
    static X509Certificate tls(X509Certificate ca, PrivateKey caKey, InstitutionId id, PublicKey key, String host,
            Validity validity, SecureRandom random) {
        List<GeneralName> names = new ArrayList<>();
        names.add(new GeneralName(GeneralName.dNSName, "localhost"));
        names.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
        if (!host.equals("localhost") && !host.equals("127.0.0.1")) {
            names.add(PeerEndpoint.isIpLiteral(host)
                    ? new GeneralName(GeneralName.iPAddress, host)
                    : new GeneralName(GeneralName.dNSName, host));
        }
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new X509v3CertificateBuilder(
                    X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()), serial(random),
                    Date.from(validity.notBefore()), Date.from(validity.notAfter()), subject(id, TLS_UNIT),
                    SubjectPublicKeyInfo.getInstance(key.getEncoded()))
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                            new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}))
                    .addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(names.toArray(GeneralName[]::new)))
                    .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(key))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(ca));
            return sign(builder, caKey);
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("building the TLS certificate of " + id + " failed", e);
        }
    }

    /** A certificate binding the institution's Ed25519 public key to its id: CN = the institution id. */
    static X509Certificate signing(X509Certificate ca, PrivateKey caKey, InstitutionId id,
            Ed25519PublicKeyParameters key, Validity validity, SecureRandom random) {
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            SubjectPublicKeyInfo keyInfo = SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(key);
            X509v3CertificateBuilder builder = new X509v3CertificateBuilder(
                    X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()), serial(random),
                    Date.from(validity.notBefore()), Date.from(validity.notAfter()), subject(id, SIGNING_UNIT),
                    keyInfo)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(keyInfo))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(ca));
            return sign(builder, caKey);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("building the signing certificate of " + id + " failed", e);
        }
    }

    /** The subject's common name, if it has exactly one. */
    static Optional<String> commonName(X509Certificate certificate) {
        X500Principal principal = certificate.getSubjectX500Principal();
        RDN[] rdns = X500Name.getInstance(principal.getEncoded()).getRDNs(BCStyle.CN);
        if (rdns.length != 1 || rdns[0].isMultiValued()) {
            return Optional.empty();
        }
        return Optional.of(IETFUtils.valueToString(rdns[0].getFirst().getValue()));
    }

    /** The raw Ed25519 public key of a signing certificate, or empty if it does not hold one. */
    static Optional<byte[]> ed25519PublicKey(X509Certificate certificate) {
        SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(certificate.getPublicKey().getEncoded());
        ASN1ObjectIdentifier algorithm = info.getAlgorithm().getAlgorithm();
        if (!EdECObjectIdentifiers.id_Ed25519.equals(algorithm)) {
            return Optional.empty();
        }
        return Optional.of(info.getPublicKeyData().getOctets());
    }

    /** Whether {@code certificate} carries a signature made by {@code issuer}'s key. */
    static boolean issuedBy(X509Certificate certificate, X509Certificate issuer) {
        if (!certificate.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            return false;
        }
        try {
            certificate.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** Whether {@code privateKey} is the private half of {@code certificate}'s ECDSA key (by a test signature). */
    static boolean matches(PrivateKey privateKey, X509Certificate certificate) {
        byte[] challenge = "baton key match".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try {
            Signature signer = Signature.getInstance(CA_SIGNATURE_ALGORITHM);
            signer.initSign(privateKey);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(CA_SIGNATURE_ALGORITHM);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static X500Name subject(InstitutionId id, String unit) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.OU, unit)
                .addRDN(BCStyle.CN, id.value())
                .build();
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey caKey)
            throws CertificateException {
        try {
            ContentSigner signer = new JcaContentSignerBuilder(CA_SIGNATURE_ALGORITHM).build(caKey);
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot sign with the CA key", e);
        }
    }

    private static BigInteger serial(SecureRandom random) {
        // 159 random bits: positive, non-zero with overwhelming probability, at most 20 octets (RFC 5280).
        return new BigInteger(159, random).setBit(0);
    }
}
