package org.baton.node;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import org.baton.node.config.NodeConfig;
import org.baton.trust.Consortium;
import org.baton.trust.ConsortiumCa;
import org.baton.trust.ConsortiumLoadException;
import org.baton.trust.CredentialsLoadException;
import org.baton.trust.Fingerprint;
import org.baton.trust.InstitutionCredentials;
import org.baton.trust.InstitutionId;
import org.baton.trust.Member;

/**
 * The node's identity, checked against the consortium before anything is served: its key material, the
 * consortium file verified with the configured CA, and its own entry in that file.
 *
 * @param credentials the node's key material
 * @param consortium the verified member list
 * @param self this node's entry in it
 */
record NodeTrust(InstitutionCredentials credentials, Consortium consortium, Member self) {

    static NodeTrust load(NodeConfig config, Clock clock) {
        InstitutionId id = config.institution().id();
        InstitutionCredentials credentials;
        X509Certificate ca;
        Consortium consortium;
        try {
            credentials = InstitutionCredentials.load(config.pkiDir());
            ca = ConsortiumCa.readCertificate(config.consortium().caCertificate());
            consortium = Consortium.load(config.consortium().file(), ca);
        } catch (CredentialsLoadException | ConsortiumLoadException e) {
            throw new NodeStartException(id, e.getMessage(), e);
        }
        if (!credentials.caCertificate().equals(ca)) {
            throw new NodeStartException(id, "the CA certificate in " + config.pkiDir() + " ("
                    + Fingerprint.of(credentials.caCertificate()).shortForm() + "…) is not the consortium CA "
                    + config.consortium().caCertificate() + " (" + Fingerprint.of(ca).shortForm() + "…)");
        }
        if (!credentials.institutionId().equals(id)) {
            throw new NodeStartException(id, "the key material in " + config.pkiDir() + " is for institution "
                    + credentials.institutionId() + ", but institution.id is " + id);
        }
        Member self = consortium.member(id).orElseThrow(() -> new NodeStartException(id,
                "institution " + id + " is not listed in consortium file " + config.consortium().file()));
        if (!self.tlsCertificate().equals(Fingerprint.of(credentials.tlsCertificate()))) {
            throw new NodeStartException(id, "the TLS certificate in " + config.pkiDir() + " is not the one consortium "
                    + "file " + config.consortium().file() + " lists for " + id + "; re-sign the consortium file");
        }
        if (!self.signingKey().equals(credentials.signingKey().publicKey())) {
            throw new NodeStartException(id, "the signing key in " + config.pkiDir() + " is not the one consortium "
                    + "file " + config.consortium().file() + " lists for " + id + "; re-sign the consortium file");
        }
        if (self.kind() != config.institution().kind()) {
            throw new NodeStartException(id, "institution.kind is " + config.institution().kind()
                    + " but consortium file " + config.consortium().file() + " lists " + id + " as " + self.kind());
        }
        if (!self.displayName().equals(config.institution().name())) {
            throw new NodeStartException(id, "institution.name '" + config.institution().name()
                    + "' differs from the name consortium file " + config.consortium().file() + " lists for " + id
                    + ": '" + self.displayName() + "'");
        }
        Instant now = clock.instant();
        X509Certificate tls = credentials.tlsCertificate();
        if (now.isAfter(tls.getNotAfter().toInstant())) {
            throw new NodeStartException(id, "the TLS certificate in " + config.pkiDir() + " expired at "
                    + tls.getNotAfter().toInstant() + "; issue a new one with `baton pki issue`");
        }
        if (now.isBefore(tls.getNotBefore().toInstant())) {
            throw new NodeStartException(id, "the TLS certificate in " + config.pkiDir() + " is not valid before "
                    + tls.getNotBefore().toInstant());
        }
        return new NodeTrust(credentials, consortium, self);
    }
}
