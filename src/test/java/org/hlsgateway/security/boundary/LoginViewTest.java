package org.hlsgateway.security.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class LoginViewTest {

    private static final String FALLBACK = "/admin/list/";

    private static String safeNext(String next) {
        LoginView view = new LoginView();
        view.setNext(next);
        return view.safeNext();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/admin/list/",
            "/admin/channel/edit.xhtml?nickname=a",
            "/admin/users/",
            "/watch/cam1"})
    void pathsInsideTheGatewayAreKept(String next) {
        assertEquals(next, safeNext(next));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "http://evil.example/",
            "https://evil.example/admin/list/",
            "//evil.example/",
            "//evil.example",
            "/\\evil.example",
            "\\\\evil.example",
            "/admin\\..\\x",
            "javascript:alert(1)",
            "/login.xhtml",
            "/login.xhtml?next=/admin/list/",
            "/admin/list/\r\nSet-Cookie: x=1",
            "/admin/list/\nLocation: http://evil.example/",
            "/admin/\rlist/",
            "/admin/\tlist/",
            "/admin/\u0000list/",
            "evil",
            "evil.example/admin/list/"})
    void everythingElseFallsBackToTheChannelList(String next) {
        assertEquals(FALLBACK, safeNext(next));
    }
}
