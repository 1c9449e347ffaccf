package org.hlsgateway.channels.control;

import jakarta.ejb.ApplicationException;

/** No channel has this nickname. */
@ApplicationException(rollback = true)
public class UnknownChannelException extends RuntimeException {

    public UnknownChannelException(String nickname) {
        super("no channel named '" + nickname + "'");
    }
}
