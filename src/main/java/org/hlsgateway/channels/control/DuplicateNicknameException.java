package org.hlsgateway.channels.control;

import jakarta.ejb.ApplicationException;

/** Another channel already uses this nickname. */
@ApplicationException(rollback = true)
public class DuplicateNicknameException extends RuntimeException {

    public DuplicateNicknameException(String nickname) {
        super("nickname '" + nickname + "' is already used by another channel");
    }
}
