package org.baton.ledger.chaincode;

import com.google.protobuf.ByteString;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/**
 * Fabric client identities as a proposal's creator carries them: a {@code SerializedIdentity} of the MSP id and a
 * PEM X.509 certificate (what the shim's {@code ClientIdentity} parses).
 */
final class ClientIdentities {

    private static final Map<String, byte[]> BY_MSP = new ConcurrentHashMap<>();

    private ClientIdentities() {
    }

    /** The serialized identity of a client of {@code mspId}. */
    static byte[] creator(String mspId) {
        return BY_MSP.computeIfAbsent(mspId, ClientIdentities::newCreator).clone();
    }

    private static byte[] newCreator(String mspId) {
        return SerializedIdentity.newBuilder()
                .setMspid(mspId)
                .setIdBytes(ByteString.copyFrom(pem(mspId), StandardCharsets.US_ASCII))
                .build()
                .toByteArray();
    }

    private static String pem(String mspId) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            X500Name name = new X500Name("CN=client,OU=client,O=" + mspId);
            Instant now = Instant.now();
            X509CertificateHolder certificate = new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(1))), name,
                    keys.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
            throw new IllegalStateException("cannot make a test certificate", e);
        }
    }
}
