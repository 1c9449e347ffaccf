package org.hlsgateway.security.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordsTest {

    @Test
    void nullIsRefused() {
        String problem = Passwords.problem(null);

        assertNotNull(problem);
        assertTrue(problem.contains("at least 8"), problem);
    }

    @Test
    void emptyIsRefused() {
        assertNotNull(Passwords.problem(""));
    }

    @Test
    void sevenCharactersAreTooFew() {
        String problem = Passwords.problem("abcdefg");

        assertNotNull(problem);
        assertTrue(problem.contains("at least 8"), problem);
    }

    @Test
    void eightCharactersAreEnough() {
        assertNull(Passwords.problem("abcdefgh"));
    }

    @Test
    void oneHundredTwentyEightCharactersAreAllowed() {
        assertNull(Passwords.problem("x".repeat(128)));
    }

    @Test
    void oneHundredTwentyNineCharactersAreTooMany() {
        String problem = Passwords.problem("x".repeat(129));

        assertNotNull(problem);
        assertTrue(problem.contains("at most 128"), problem);
    }

    @ParameterizedTest
    @ValueSource(strings = {"pass\nword1", "pass\rword1", "pass\tword1", "pass\u0000word1", "pass\u001bword1",
            "password\u007f"})
    void controlCharactersAreRefused(String password) {
        String problem = Passwords.problem(password);

        assertNotNull(problem);
        assertTrue(problem.contains("control"), problem);
    }

    @ParameterizedTest
    @ValueSource(strings = {"correct horse battery", "pässwörd-ß€", "~!@#$%^&*()_+{}|:\"<>?"})
    void printableCharactersIncludingSpacesAndNonAsciiAreAllowed(String password) {
        assertNull(Passwords.problem(password));
    }

    @Test
    void limitsAreTheDocumentedConstants() {
        assertEquals(8, Passwords.MIN_LENGTH);
        assertEquals(128, Passwords.MAX_LENGTH);
    }
}
