package org.baton.node.portal.security;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The response headers every portal page carries. The content security policy allows nothing but the portal's
 * own style sheet and images (no scripts at all, no inline styles, no framing, forms only to the portal).
 */
public final class SecurityHeaders {

    /** The content security policy. */
    public static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private SecurityHeaders() {
    }

    /** Header names and values, in a stable order. */
    public static Map<String, String> all() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Security-Policy", CSP);
        h.put("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        h.put("X-Content-Type-Options", "nosniff");
        h.put("X-Frame-Options", "DENY");
        // same-origin, not no-referrer: with no-referrer browsers send "Origin: null" on form posts.
        h.put("Referrer-Policy", "same-origin");
        h.put("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()");
        h.put("Cross-Origin-Opener-Policy", "same-origin");
        h.put("Cross-Origin-Resource-Policy", "same-origin");
        h.put("Cache-Control", "no-store");
        return h;
    }
}
