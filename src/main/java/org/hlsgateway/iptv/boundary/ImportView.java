package org.hlsgateway.iptv.boundary;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hlsgateway.iptv.control.CsvImport;
import org.hlsgateway.iptv.control.ImportLine;
import org.hlsgateway.iptv.control.ImportRow;
import org.hlsgateway.iptv.control.M3uImport;
import org.primefaces.model.file.UploadedFile;

/** The console's import page: upload, check (dry run) with a line-by-line report, then import. */
@Named
@ViewScoped
public class ImportView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient ImportService imports;

    private transient UploadedFile file;
    private String text;
    private boolean partial;
    private List<ImportLine> lines;

    public void check() {
        if (file != null && file.getSize() > 0) {
            if (file.getSize() > ImportResource.MAX_BYTES) {
                error("an import may have at most 20 MB");
                return;
            }
            text = new String(file.getContent(), StandardCharsets.UTF_8);
        }
        if (text == null || text.isBlank()) {
            error("choose a CSV or M3U file first");
            return;
        }
        lines = imports.run(rows(), true, partial).lines();
    }

    public String apply() {
        if (text == null) {
            error("check a file first");
            return null;
        }
        ImportService.Result result = imports.run(rows(), false, partial);
        lines = result.lines();
        FacesContext faces = FacesContext.getCurrentInstance();
        if (!result.applied()) {
            error("nothing was imported: " + result.count(ImportLine.Action.REJECT)
                    + " line(s) rejected; fix them or allow a partial import");
            return null;
        }
        faces.getExternalContext().getFlash().setKeepMessages(true);
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, "Imported: "
                + result.count(ImportLine.Action.CREATE) + " created, " + result.count(ImportLine.Action.UPDATE) + " updated", null));
        return "/admin/list/index?faces-redirect=true";
    }

    private List<ImportRow> rows() {
        return ImportResource.detect(text).equals("m3u") ? M3uImport.parse(text) : CsvImport.parse(text);
    }

    public String reasons(ImportLine line) {
        return String.join("; ", line.reasons());
    }

    private static void error(String message) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, message, null));
    }

    public boolean isChecked() {
        return lines != null;
    }

    public long getCreated() {
        return count(ImportLine.Action.CREATE);
    }

    public long getUpdated() {
        return count(ImportLine.Action.UPDATE);
    }

    public long getRejected() {
        return count(ImportLine.Action.REJECT);
    }

    private long count(ImportLine.Action action) {
        return lines == null ? 0 : lines.stream().filter(l -> l.action() == action).count();
    }

    public List<ImportLine> getLines() {
        return lines;
    }

    public UploadedFile getFile() {
        return file;
    }

    public void setFile(UploadedFile file) {
        this.file = file;
    }

    public boolean isPartial() {
        return partial;
    }

    public void setPartial(boolean partial) {
        this.partial = partial;
    }
}
