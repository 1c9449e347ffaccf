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

/** An HTTP client for one deployed gateway, following no redirects so tests see them. */
public final class Gateway {

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    public Gateway(URL deployment) {
        String text = deployment.toString();
        this.base = URI.create(text.endsWith("/") ? text : text + "/");
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

    public HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> send(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = request(path).header("Content-Type", "application/json");
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Creates a channel through the API (replacing one left by an earlier run, since the
     * database is a file) and fails unless it answered 201.
     */
    public JsonObject createChannel(String nickname, String url, String extraJson) throws IOException, InterruptedException {
        send("DELETE", "api/channels/" + nickname, null);
        String body = "{\"nickname\":\"" + nickname + "\",\"url\":\"" + url + "\"" + (extraJson == null ? "" : "," + extraJson) + "}";
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
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60));
    }
}
