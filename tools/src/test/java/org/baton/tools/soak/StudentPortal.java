package org.baton.tools.soak;

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
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.baton.node.student.StudentId;
import org.baton.trust.PortalTls;

/**
 * A student at the district's portal, over HTTPS as a browser: signs in (pre-session cookie and CSRF token from the
 * sign-in page, form post with its Origin) and grants consent through the consent form's confirm step.
 */
final class StudentPortal {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final URI base;
    private final String origin;
    private final X509Certificate ca;
    private HttpClient http;
    private Optional<String> csrf = Optional.empty();

    StudentPortal(URI base, X509Certificate ca) {
        this.base = base;
        this.origin = base.getScheme() + "://" + base.getHost() + ":" + base.getPort();
        this.ca = ca;
    }

    /** Signs in afresh (new cookies); true when the portal accepted the password. */
    boolean signIn(String username, String password) throws IOException, InterruptedException {
        http = HttpClient.newBuilder().sslContext(PortalTls.clientTrusting(ca)).cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(TIMEOUT).build();
        csrf = Optional.empty();
        HttpResponse<String> page = get("/sign-in");
        if (page.statusCode() != 200) {
            return false;
        }
        HttpResponse<String> answer = post("/sign-in", token(page.body()),
                List.of(Map.entry("username", username), Map.entry("password", password)));
        return answer.statusCode() == 303 && answer.headers().firstValue("Location").orElse("").startsWith("/students");
    }

    /**
     * Grants {@code recipient} the scopes from {@code sources} until {@code until}.
     *
     * @return the HTTP status and where the portal redirected (303 to the consent page when granted)
     */
    HttpResponse<String> grant(StudentId student, List<String> scopes, String purpose, String recipient,
            List<String> sources, LocalDate until) throws IOException, InterruptedException {
        if (csrf.isEmpty()) {
            HttpResponse<String> form = get("/students/" + student.value() + "/consent/new");
            if (form.statusCode() != 200) {
                return form;
            }
            csrf = Optional.of(token(form.body()));
        }
        List<Map.Entry<String, String>> fields = new java.util.ArrayList<>();
        scopes.forEach(s -> fields.add(Map.entry("scope", s)));
        fields.add(Map.entry("purpose", purpose));
        fields.add(Map.entry("recipient", recipient));
        sources.forEach(s -> fields.add(Map.entry("source", s)));
        fields.add(Map.entry("until", until.toString()));
        return post("/students/" + student.value() + "/consent", csrf.get(), fields);
    }

    /** Whether a grant answer means it was granted. */
    static boolean granted(HttpResponse<String> answer) {
        return answer.statusCode() == 303
                && answer.headers().firstValue("Location").orElse("").contains("notice=consent-granted");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String token, List<Map.Entry<String, String>> fields)
            throws IOException, InterruptedException {
        String form = java.util.stream.Stream.concat(java.util.stream.Stream.of(Map.entry("_csrf", token)),
                        fields.stream())
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", origin)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String token(String page) throws IOException {
        Matcher matcher = CSRF.matcher(page);
        if (!matcher.find()) {
            throw new IOException("the page has no CSRF token");
        }
        return matcher.group(1);
    }

}
