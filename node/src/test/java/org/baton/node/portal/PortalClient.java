package org.baton.node.portal;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A minimal browser for tests: HTTPS to the portal, a cookie jar, no automatic redirects, and the CSRF token of
 * the last page kept for the next form.
 */
public final class PortalClient {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final HttpClient http;
    private final String base;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private String csrf = "";

    public PortalClient(int port) {
        this(port, TestTls.clientContext());
    }

    /** A client that trusts what {@code tls} trusts. */
    public PortalClient(int port, javax.net.ssl.SSLContext tls) {
        this.http = HttpClient.newBuilder().sslContext(tls).followRedirects(HttpClient.Redirect.NEVER).build();
        this.base = "https://127.0.0.1:" + port;
    }

    /**
     * A response.
     *
     * @param status  the status code
     * @param body    the body
     * @param headers the headers
     */
    public record Response(int status, String body, Map<String, List<String>> headers) {
        public Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }

        public List<String> all(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).toList();
        }

        public String location() {
            return header("Location").orElseThrow(() -> new AssertionError("no Location header, status " + status));
        }
    }

    public Map<String, String> cookies() {
        return cookies;
    }

    public String csrf() {
        return csrf;
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), Map.of());
    }

    public Response get(String path, Map<String, String> headers) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), headers);
    }

    /** Posts a form with the CSRF token of the last page. */
    public Response post(String path, Map<String, String> form) {
        Map<String, String> withToken = new LinkedHashMap<>(form);
        withToken.putIfAbsent("_csrf", csrf);
        return postRaw(path, withToken, Map.of());
    }

    /** Posts exactly these fields (no token added) with extra headers. */
    public Response postRaw(String path, Map<String, String> form, Map<String, String> headers) {
        String body = form.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return send(b, headers);
    }

    /** Follows redirects from a response with GETs. */
    public Response follow(Response r) {
        Response current = r;
        for (int i = 0; i < 5 && current.status() / 100 == 3; i++) {
            String loc = current.location();
            current = get(loc.startsWith("http") ? URI.create(loc).getRawPath()
                    + Optional.ofNullable(URI.create(loc).getRawQuery()).map(q -> "?" + q).orElse("") : loc);
        }
        return current;
    }

    private Response send(HttpRequest.Builder b, Map<String, String> headers) {
        if (!cookies.isEmpty()) {
            b.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        headers.forEach(b::header);
        try {
            HttpResponse<String> resp = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            for (String set : resp.headers().allValues("Set-Cookie")) {
                String pair = set.split(";", 2)[0];
                int eq = pair.indexOf('=');
                String name = pair.substring(0, eq).strip();
                String value = pair.substring(eq + 1).strip();
                if (value.isEmpty() || set.toLowerCase(java.util.Locale.ROOT).contains("max-age=0")) {
                    cookies.remove(name);
                } else {
                    cookies.put(name, value);
                }
            }
            Matcher m = CSRF.matcher(resp.body());
            if (m.find()) {
                csrf = m.group(1);
            }
            return new Response(resp.statusCode(), resp.body(), resp.headers().map());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
