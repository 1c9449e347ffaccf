package org.hlsgateway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PublicUrlTest {

    private static final Set<String> PROXY = Set.of("10.0.0.2");

    @Test
    void withoutAProxyTheRequestNamesTheGateway() {
        assertEquals("http://gw.local:8080/hls_gateway",
                PublicUrl.base("http", "gw.local", 8080, "/hls_gateway", "192.168.1.9", null, null, PROXY));
        assertEquals("https://gw.local/hls_gateway",
                PublicUrl.base("https", "gw.local", 443, "/hls_gateway", "192.168.1.9", null, null, PROXY));
    }

    @Test
    void aTrustedProxysForwardedHeadersAreBelieved() {
        assertEquals("https://tv.example.org/hls_gateway",
                PublicUrl.base("http", "backend", 8080, "/hls_gateway", "10.0.0.2", "https", "tv.example.org, inner", PROXY));
    }

    @Test
    void anyoneElsesForwardedHeadersAreIgnored() {
        assertEquals("http://backend:8080/hls_gateway",
                PublicUrl.base("http", "backend", 8080, "/hls_gateway", "10.0.0.66", "https", "evil.example", PROXY));
    }

    @Test
    void malformedForwardedValuesAreIgnoredEvenFromTheProxy() {
        assertEquals("http://backend:8080/hls_gateway",
                PublicUrl.base("http", "backend", 8080, "/hls_gateway", "10.0.0.2", "javascript", "evil.example/\"><x", PROXY));
    }
}
