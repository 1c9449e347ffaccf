package org.hlsgateway.api;

/** One rejected field of a request, with a message a person can act on. */
public record FieldError(String field, String message) {
}
