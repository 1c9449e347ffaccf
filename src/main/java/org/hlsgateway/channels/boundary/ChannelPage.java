package org.hlsgateway.channels.boundary;

import java.util.List;
import java.util.Map;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * The rows of a lazy PrimeFaces table: only the page on screen is read from the database (and only its
 * transcoders asked for their live state), with the search and filters the page's {@code query} holds.
 */
public class ChannelPage extends LazyDataModel<ChannelRow> {

    private static final long serialVersionUID = 1L;

    private final ChannelListView view;
    private transient List<ChannelRow> page = List.of();

    public ChannelPage(ChannelListView view) {
        this.view = view;
    }

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
        return (int) Math.min(Integer.MAX_VALUE, view.rowSource().count(view.query()));
    }

    @Override
    public List<ChannelRow> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
        page = view.rowSource().page(view.query(), null, first, pageSize);
        return page;
    }

    @Override
    public String getRowKey(ChannelRow row) {
        return row.nickname();
    }

    @Override
    public ChannelRow getRowData(String rowKey) {
        return page == null ? null : page.stream().filter(r -> r.nickname().equals(rowKey)).findFirst().orElse(null);
    }
}
