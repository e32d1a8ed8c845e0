package org.baton.node.portal.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * CSRF tokens bound to the browser's session: the token is an HMAC, under a key only this server holds, of the
 * session key (or, before sign-in, of a random pre-session cookie). A forged form cannot know it; a token from one
 * session is worthless in another. Every state-changing request must carry it.
 */
public final class Csrf {

    private final byte[] key;

    public Csrf(SecureRandom random) {
        this.key = new byte[32];
        random.nextBytes(key);
    }

    /** The token to put in forms for a binding (session key or pre-session cookie value). */
    public String tokenFor(String binding) {
        Objects.requireNonNull(binding, "binding");
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(("csrf:" + binding).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
        }
    }

    /** True when {@code presented} is the token for {@code binding} (compared in constant time). */
    public boolean valid(String binding, String presented) {
        if (binding == null || presented == null) {
            return false;
        }
        return MessageDigest.isEqual(tokenFor(binding).getBytes(StandardCharsets.US_ASCII),
                presented.getBytes(StandardCharsets.US_ASCII));
    }
}
