package org.hlsgateway.channels.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** The front page at {@code /hls_gateway/}: every channel with a link to watch it. */
@Named
@RequestScoped
public class HomeView {

    @Inject
    ChannelRows rows;

    private List<ChannelRow> channels;

    @Inject
    ChannelService all;

    /** How many channels an anonymous visitor does not see (the protected ones); 0 once logged in. */
    public long getProtectedCount() {
        if (jakarta.faces.context.FacesContext.getCurrentInstance().getExternalContext().getUserPrincipal() != null) {
            return 0;
        }
        return all.all().stream().filter(c -> !c.isPublicAccess()).count();
    }

    public List<ChannelRow> getChannels() {
        if (channels == null) {
            channels = rows.visible();
        }
        return channels;
    }
}
