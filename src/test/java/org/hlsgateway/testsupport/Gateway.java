package org.hlsgateway.testsupport;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * An HTTP client for one deployed gateway, following no redirects so tests see them. It sends
 * the admin's HTTP Basic credentials unless made {@link #anonymous()} or {@link #as(String, String)} another user.
 */
public final class Gateway {

    public static final String ADMIN_PASSWORD = System.getProperty("hls.admin.password", "it-admin-secret");

    private final URI base;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    public Gateway(URL deployment) {
        this(URI.create(deployment.toString().endsWith("/") ? deployment.toString() : deployment + "/"),
                basic("admin", ADMIN_PASSWORD));
    }

    private Gateway(URI base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    /** The same gateway without credentials. */
    public Gateway anonymous() {
        return new Gateway(base, null);
    }

    /** The same gateway as another user. */
    public Gateway as(String username, String password) {
        return new Gateway(base, basic(username, password));
    }

    private static String basic(String username, String password) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString(
                (username + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public URI uri(String path) {
        return base.resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String path, String accept) throws IOException, InterruptedException {
        return http.send(request(path).header("Accept", accept).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<byte[]> getBytes(String path) throws IOException, InterruptedException {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** GET of an absolute URI (a redirect target or a signed URL), without credentials. */
    public HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> send(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = request(path).header("Content-Type", "application/json");
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends a body with any content type (hostile-input tests). */
    public HttpResponse<String> sendRaw(String method, String path, String contentType, String body)
            throws IOException, InterruptedException {
        HttpRequest request = request(path).header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Sends JSON with an {@code Origin} header, as a page of another site would. */
    public HttpResponse<String> sendWithOrigin(String method, String path, String json, String origin)
            throws IOException, InterruptedException {
        HttpRequest request = request(path).header("Content-Type", "application/json").header("Origin", origin)
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Creates a channel through the API (replacing one left by an earlier run, since the
     * database is a file) and fails unless it answered 201. The channel is public unless
     * {@code extraJson} says {@code "public":false}.
     */
    public JsonObject createChannel(String nickname, String url, String extraJson) throws IOException, InterruptedException {
        send("DELETE", "api/channels/" + nickname, null);
        String extra = extraJson == null ? "" : "," + extraJson;
        String access = extra.contains("\"public\"") ? "" : ",\"public\":true";
        String body = "{\"nickname\":\"" + nickname + "\",\"url\":\"" + url + "\"" + extra + access + "}";
        HttpResponse<String> response = send("POST", "api/channels", body);
        if (response.statusCode() != 201) {
            throw new AssertionError("creating " + nickname + " answered " + response.statusCode() + ": " + response.body());
        }
        return json(response.body());
    }

    public JsonObject channel(String nickname) throws IOException, InterruptedException {
        return json(get("api/channels/" + nickname).body());
    }

    public static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    public static JsonArray jsonArray(String text) {
        return Json.createReader(new StringReader(text)).readArray();
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request;
    }
}
