package org.hlsgateway.channels.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.Map;
import org.hlsgateway.channels.control.ChannelQuery;

/**
 * The front page at {@code /hls_gateway/}: the channels with a link to watch each, {@value #PAGE_SIZE} a page
 * ({@code ?page=2}), searched with {@code ?q=} and filtered with {@code ?group=}.
 */
@Named
@RequestScoped
public class HomeView {

    static final int PAGE_SIZE = 48;

    @Inject
    ChannelRows rows;

    @Inject
    ChannelService all;

    private List<ChannelRow> channels;
    private Long total;

    /** How many channels an anonymous visitor does not see (the protected ones); 0 once logged in. */
    public long getProtectedCount() {
        if (FacesContext.getCurrentInstance().getExternalContext().getUserPrincipal() != null) {
            return 0;
        }
        return all.count(ChannelQuery.ALL) - all.count(ChannelQuery.ALL.publicOnly(true));
    }

    public List<ChannelRow> getChannels() {
        if (channels == null) {
            channels = rows.page(query(), null, (getPage() - 1) * PAGE_SIZE, PAGE_SIZE);
        }
        return channels;
    }

    /** How many channels match the search in all. */
    public long getTotal() {
        if (total == null) {
            total = rows.count(query());
        }
        return total;
    }

    /** 1 for the first page; a page number that is not one shows the first page. */
    public int getPage() {
        try {
            return Math.max(1, Math.min(Integer.parseInt(parameter("page")), 1_000_000));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    public int getPages() {
        return (int) Math.max(1, (getTotal() + PAGE_SIZE - 1) / PAGE_SIZE);
    }

    public String getQ() {
        return parameter("q");
    }

    public String getGroup() {
        return parameter("group");
    }

    private ChannelQuery query() {
        return rows.query(getQ(), getGroup(), null);
    }

    private static String parameter(String name) {
        Map<String, String> parameters = FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap();
        String value = parameters.get(name);
        return value == null || value.length() > 200 ? "" : value;
    }
}
