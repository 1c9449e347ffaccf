package org.hlsgateway.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ListeningProcessTest {

    @Test
    void findsThisJvmListeningOnItsOwnPort() throws Exception {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 0));
            assertEquals(Optional.of(ProcessHandle.current().pid()), ListeningProcess.of(socket.getLocalPort()));
        }
    }

    @Test
    void findsNobodyOnAClosedPort() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        assertTrue(ListeningProcess.of(port).isEmpty());
    }
}
