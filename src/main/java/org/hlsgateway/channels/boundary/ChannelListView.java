package org.hlsgateway.channels.boundary;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.hlsgateway.channels.control.ChannelQuery;
import org.hlsgateway.channels.control.UnknownChannelException;
import org.hlsgateway.config.GatewayConfig;
import org.hlsgateway.security.entity.Role;
import org.hlsgateway.transcoding.boundary.Transcoders;
import org.hlsgateway.transcoding.control.Prober;
import org.hlsgateway.transcoding.control.StartFailedException;
import org.hlsgateway.transcoding.entity.TranscodeSpec;
import org.hlsgateway.transcoding.entity.TranscoderState;

/** The admin list at {@code /hls_gateway/admin/list/}. */
@Named
@ViewScoped
public class ChannelListView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient ChannelService channels;

    @Inject
    transient ChannelRows rowSource;

    @Inject
    transient Transcoders transcoders;

    @Inject
    transient GatewayConfig config;

    private String q;
    private String group;
    private TranscoderState state;

    private final ChannelPage rows = new ChannelPage(this);

    /** The lazy model: the table reads one page (and its count) per render, e.g. per 3 s poll. */
    public ChannelPage getRows() {
        return rows;
    }

    /** The table re-reads its page when it renders; nothing to keep between polls. */
    public void refresh() {
        // the poll re-renders the table, which loads the rows on screen again
    }

    /** A search or filter changed: back to the first page. */
    public void filter() {
        if (FacesContext.getCurrentInstance().getViewRoot().findComponent("channels:table")
                instanceof org.primefaces.component.datatable.DataTable table) {
            table.setFirst(0);
        }
    }

    public String getQ() {
        return q;
    }

    public void setQ(String q) {
        this.q = q == null || q.isBlank() ? null : q.strip();
    }

    public String getGroup() {
        return group;
    }

    public void setGroup(String group) {
        this.group = group == null || group.isBlank() ? null : group;
    }

    public TranscoderState getState() {
        return state;
    }

    public void setState(TranscoderState state) {
        this.state = state;
    }

    /** The rows source and the search and filters the page shows now (for {@link ChannelPage}). */
    ChannelRows rowSource() {
        return rowSource;
    }

    ChannelQuery query() {
        return rowSource.query(q, group, state);
    }

    public TranscoderState[] getStates() {
        return TranscoderState.values();
    }

    /** The console's Export of one group: the M3U of that group's channels, with signed playback URLs. */
    public String exportUrl(String group) {
        String context = jakarta.faces.context.FacesContext.getCurrentInstance().getExternalContext().getRequestContextPath();
        return context + "/playlist.m3u?group=" + java.net.URLEncoder.encode(group, java.nio.charset.StandardCharsets.UTF_8);
    }

    private List<String> groups;

    /** The groups in use, for the filter and the Export menu (read once per view). */
    public List<String> getGroups() {
        if (groups == null) { // the filter and the Export menu ask for them: one query per view, not per use
            groups = List.copyOf(rowSource.groups());
        }
        return groups;
    }

    public void start(String nickname) {
        if (!isAdmin()) {
            error("Not allowed", "starting a channel needs the admin role");
            return;
        }
        try {
            transcoders.startNow(channels.get(nickname).transcodeSpec());
            info("Starting " + nickname, "It stops again when nobody watches for the idle timeout.");
        } catch (StartFailedException | UnknownChannelException e) {
            error("Cannot start " + nickname, e.getMessage());
        }
        refresh();
    }

    public void stop(String nickname) {
        if (!isAdmin()) {
            error("Not allowed", "stopping a channel needs the admin role");
            return;
        }
        transcoders.stop(nickname);
        info("Stopped " + nickname, null);
        refresh();
    }

    public void probe(String nickname) {
        if (!isAdmin()) {
            error("Not allowed", "probing a source needs the admin role");
            return;
        }
        Prober.Result result = channels.probe(nickname);
        if (result.reachable()) {
            info("Probe of " + nickname + ": source answers", result.streams().summary());
        } else {
            error("Probe of " + nickname + ": no answer", result.error());
        }
    }

    public void delete(String nickname) {
        try {
            channels.delete(nickname);
            info("Deleted " + nickname, null);
        } catch (UnknownChannelException e) {
            error("Cannot delete " + nickname, e.getMessage());
        }
        refresh();
    }

    /** Changes every few seconds so that preview images refresh with the table. */
    public long getTick() {
        return System.currentTimeMillis() / 3000;
    }

    public long getTokenHours() {
        return Math.max(1, config.tokenTtlSeconds() / 3600);
    }

    private static boolean isAdmin() {
        return FacesContext.getCurrentInstance().getExternalContext().isUserInRole(Role.ADMIN_NAME);
    }

    public String getFfmpeg() {
        return transcoders.ffmpeg().map(f -> f.version() + " (" + f.path() + ")").orElse("not found: see the server log");
    }

    private static void info(String summary, String detail) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, summary, detail == null ? "" : detail));
    }

    private static void error(String summary, String detail) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, summary, detail == null ? "" : detail));
    }
}
