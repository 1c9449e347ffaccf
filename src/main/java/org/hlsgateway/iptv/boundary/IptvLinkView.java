package org.hlsgateway.iptv.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hlsgateway.security.boundary.PlaybackAccess;
import org.hlsgateway.security.control.TokenTtl;

/**
 * The console's "Copy IPTV playlist URL": it mints a signed playlist URL an IPTV app loads on its own. Minting happens only
 * on a click: every playlist URL is a recorded long-lived token, listed under Users and revocable one by one.
 */
@Named
@RequestScoped
public class IptvLinkView {

    /** What the console offers; a viewer's cap ({@value TokenTtl#VIEWER_CAP}) refuses the longer ones with its reason. */
    private static final Map<String, Long> LIFETIMES = lifetimes();

    @Inject
    Playlists playlists;

    @Inject
    PlaybackAccess access;

    @Inject
    HttpServletRequest request;

    private long ttl = 30L * 86_400;
    private String url;
    private String expires;

    /** Mints the playlist URL for {@code group} (blank: every channel) valid for the chosen lifetime. */
    public void mint(String group) {
        String only = group == null || group.isBlank() ? null : group;
        try {
            long seconds = access.ttl(Long.toString(ttl), request);
            url = playlists.signedPlaylistUrl(request, seconds, only);
            expires = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
                    .format(Instant.now().plusSeconds(seconds).atOffset(ZoneOffset.UTC));
        } catch (TokenTtl.Refused refused) {
            FacesContext.getCurrentInstance().addMessage(null,
                    new FacesMessage(FacesMessage.SEVERITY_ERROR, "No playlist URL", refused.getMessage()));
        }
    }

    public Map<String, Long> getLifetimes() {
        return LIFETIMES;
    }

    public long getTtl() {
        return ttl;
    }

    public void setTtl(long ttl) {
        this.ttl = ttl;
    }

    public String getUrl() {
        return url;
    }

    public String getExpires() {
        return expires;
    }

    private static Map<String, Long> lifetimes() {
        Map<String, Long> all = new LinkedHashMap<>();
        all.put("1 day", 86_400L);
        all.put("30 days", 30L * 86_400);
        all.put("1 year", TokenTtl.MAX);
        return java.util.Collections.unmodifiableMap(all);
    }
}
