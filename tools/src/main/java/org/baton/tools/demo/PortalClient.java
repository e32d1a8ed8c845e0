package org.baton.tools.demo;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Signs in to a node's portal the way a browser does: HTTPS trusting only the consortium CA (the portal presents the
 * node's certificate), the pre-session cookie and CSRF token from the sign-in page, then the form post with its
 * Origin. One client per sign-in (it keeps cookies).
 */
final class PortalClient {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final URI base;
    private final HttpClient http;

    /**
     * The answer to a sign-in.
     *
     * @param status the HTTP status
     * @param location where the portal sends the browser next, if anywhere
     */
    record Answer(int status, Optional<String> location) {
    }

    PortalClient(URI base, X509Certificate caCertificate) {
        this.base = base;
        this.http = HttpClient.newBuilder()
                .sslContext(trusting(caCertificate))
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(TIMEOUT)
                .build();
    }

    /** Loads the sign-in page, then posts {@code username} and {@code password}. */
    Answer signIn(String username, String password) throws IOException, InterruptedException {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(base.resolve("/sign-in")).timeout(TIMEOUT).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        if (page.statusCode() != 200) {
            return new Answer(page.statusCode(), Optional.empty());
        }
        Matcher token = CSRF.matcher(page.body());
        if (!token.find()) {
            throw new IOException(base.resolve("/sign-in") + " has no CSRF token in its sign-in form");
        }
        String form = Map.of("_csrf", token.group(1), "username", username, "password", password).entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        String origin = base.getScheme() + "://" + base.getHost() + ":" + base.getPort();
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(base.resolve("/sign-in")).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", origin)
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(answer.statusCode(), answer.headers().firstValue("Location"));
    }

    private static SSLContext trusting(X509Certificate caCertificate) {
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("consortium-ca", caCertificate);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a TLS client trusting the consortium CA", e);
        }
    }
}
