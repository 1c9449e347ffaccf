package org.hlsgateway.api;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;

/**
 * JSON builders from one provider looked up once. {@code jakarta.json.Json}'s static methods look
 * the provider up through the {@code ServiceLoader} on every call, which scans the application's
 * class path: measured here, that was more than half the CPU of answering an error.
 */
public final class JsonBuilders {

    private static final JsonProvider PROVIDER = JsonProvider.provider();

    private JsonBuilders() {
    }

    public static JsonObjectBuilder object() {
        return PROVIDER.createObjectBuilder();
    }

    public static JsonArrayBuilder array() {
        return PROVIDER.createArrayBuilder();
    }
}
