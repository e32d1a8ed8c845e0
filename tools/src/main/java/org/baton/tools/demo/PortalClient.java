package org.baton.tools.demo;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.baton.trust.PortalTls;

/**
 * Uses a node's portal the way a browser does: HTTPS trusting only the consortium CA (the portal presents the
 * node's certificate), cookies (the pre-session and the session), each form posted with the CSRF token of the page
 * that holds it and the portal as its Origin; redirects are not followed, so each step's answer can be checked. One
 * client per person (it keeps their cookies).
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
                .sslContext(PortalTls.clientTrusting(caCertificate))
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(TIMEOUT)
                .build();
    }

    /**
     * A page the portal answered with.
     *
     * @param status the HTTP status
     * @param location where the portal sends the browser next, if anywhere
     * @param body the HTML
     */
    record Page(int status, Optional<String> location, String body) {

        /** The CSRF token of the page's first form. */
        Optional<String> csrf() {
            Matcher token = CSRF.matcher(body);
            return token.find() ? Optional.of(token.group(1)) : Optional.empty();
        }

        @Override
        public String toString() {
            return "HTTP " + status + location.map(l -> " -> " + l).orElse("");
        }
    }

    /** Loads the sign-in page, then posts {@code username} and {@code password}. */
    Answer signIn(String username, String password) throws IOException, InterruptedException {
        Page page = get("/sign-in");
        if (page.status() != 200) {
            return new Answer(page.status(), Optional.empty());
        }
        Page answer = submit("/sign-in", page, List.of(Map.entry("username", username),
                Map.entry("password", password)));
        return new Answer(answer.status(), answer.location());
    }

    /** Loads {@code path} (a path with query, on this portal). */
    Page get(String path) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        return new Page(answer.statusCode(), answer.headers().firstValue("Location"), answer.body());
    }

    /**
     * Posts a form to {@code path} as a browser does from {@code from} (the page that holds the form): with the
     * page's CSRF token and this portal as the Origin. Fields may repeat (check boxes).
     *
     * @throws IOException if {@code from} has no CSRF token
     */
    Page submit(String path, Page from, List<Map.Entry<String, String>> fields)
            throws IOException, InterruptedException {
        String token = from.csrf().orElseThrow(() -> new IOException("the page before " + path + " (" + from
                + ") has no CSRF token in its form"));
        List<Map.Entry<String, String>> all = new java.util.ArrayList<>();
        all.add(Map.entry("_csrf", token));
        all.addAll(fields);
        String form = all.stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        String origin = base.getScheme() + "://" + base.getHost() + ":" + base.getPort();
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", origin)
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(), HttpResponse.BodyHandlers.ofString());
        return new Page(answer.statusCode(), answer.headers().firstValue("Location"), answer.body());
    }

}
