package org.hlsgateway.security.entity;

/** What a user may do. Role names are the group names the identity store hands to the container. */
public enum Role {
    /** Manages channels and users. */
    ADMIN,
    /** Sees the channel list and watches. */
    VIEWER;

    public static final String ADMIN_NAME = "admin";
    public static final String VIEWER_NAME = "viewer";

    public String roleName() {
        return name().toLowerCase();
    }
}
