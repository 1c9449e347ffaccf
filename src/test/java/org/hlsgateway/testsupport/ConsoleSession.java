package org.hlsgateway.testsupport;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A logged-in console session without a browser: cookies, and form posts as a browser would send them. */
public final class ConsoleSession {

    private static final Pattern VIEW_STATE = Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"");

    private final URI base;
    private final HttpClient http;

    private ConsoleSession(URI base) {
        this(base, HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build());
    }

    private ConsoleSession(URI base, HttpClient http) {
        this.base = base;
        this.http = http;
    }

    /** The same browser (its cookies) at another address, e.g. another node of a cluster. */
    public ConsoleSession at(URI otherBase) {
        return new ConsoleSession(otherBase, http);
    }

    /** Logs out with the console's button, from a page of {@code path} read first. */
    public HttpResponse<String> logOut(String path) throws IOException, InterruptedException {
        String page = get(path).body();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("logout-form", "logout-form");
        form.put("logout-form:logout", "");
        form.putAll(formTokens(page));
        return post(path, form, null);
    }

    public static ConsoleSession logIn(URI base, String username, String password) throws IOException, InterruptedException {
        ConsoleSession session = new ConsoleSession(base);
        HttpResponse<String> answer = session.postLogin(username, password);
        if (answer.statusCode() != 302) {
            throw new AssertionError("login as " + username + " answered " + answer.statusCode());
        }
        return session;
    }

    /** The answer to a login through the login page, whatever it is (a refused login is a page, not an exception). */
    public static HttpResponse<String> tryLogIn(URI base, String username, String password) throws IOException, InterruptedException {
        return new ConsoleSession(base).postLogin(username, password);
    }

    private HttpResponse<String> postLogin(String username, String password) throws IOException, InterruptedException {
        String page = get("login.xhtml").body();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("login", "login");
        form.put("login:username", username);
        form.put("login:password", password);
        form.put("login:next", "");
        form.put("login:submit", "");
        form.putAll(formTokens(page));
        return post("login.xhtml", form, null);
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Posts a form; {@code origin} null sends no Origin header. */
    public HttpResponse<String> post(String path, Map<String, String> form, String origin) throws IOException, InterruptedException {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (origin != null) {
            request.header("Origin", origin);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static final Pattern NONCE = Pattern.compile("PrimeFaces\\.csp\\.init\\('([^']+)'\\)");

    /** The hidden fields a browser sends with a console form of {@code page}: view state and CSP nonce. */
    public static Map<String, String> formTokens(String page) {
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("jakarta.faces.ViewState", viewState(page));
        Matcher nonce = NONCE.matcher(page);
        if (nonce.find()) {
            tokens.put("primefaces.nonce", nonce.group(1));
        }
        return tokens;
    }

    public static String viewState(String page) {
        Matcher m = VIEW_STATE.matcher(page);
        if (!m.find()) {
            throw new AssertionError("no view state in the page");
        }
        return m.group(1).replace("&#58;", ":").replace("&amp;", "&");
    }
}
