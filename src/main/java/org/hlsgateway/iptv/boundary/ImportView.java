package org.hlsgateway.iptv.boundary;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hlsgateway.database.control.DatabaseUnavailableException;
import org.hlsgateway.iptv.control.CsvImport;
import org.hlsgateway.iptv.control.ImportLine;
import org.hlsgateway.iptv.control.ImportProgress;
import org.hlsgateway.iptv.control.ImportRow;
import org.hlsgateway.iptv.control.M3uImport;
import org.primefaces.model.file.UploadedFile;

/**
 * The console's import page: upload, check (dry run) with a line-by-line report, then import.
 * Checking and importing run in the background while the page polls a progress bar, so a
 * 10,000-line file shows how far it has come instead of a frozen page.
 */
@Named
@ViewScoped
public class ImportView implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ImportView.class.getName());

    @Inject
    transient ImportService imports;

    @Resource
    transient ManagedExecutorService executor;

    private transient UploadedFile file;
    private String text;
    private boolean partial;
    private List<ImportLine> lines;
    private transient CompletableFuture<ImportService.Result> job;
    private transient ImportProgress progress;
    private boolean applying;
    private int lineCount;

    public void check() {
        if (file != null && file.getSize() > 0) {
            if (file.getSize() > ImportResource.MAX_BYTES) {
                error("an import may have at most 20 MB");
                return;
            }
            byte[] content = file.getContent();
            if (isBinary(content)) {
                text = null;
                error("this file is not text: choose a CSV or M3U file (UTF-8)");
                return;
            }
            text = new String(content, StandardCharsets.UTF_8);
        }
        if (text == null || text.isBlank()) {
            error("choose a CSV or M3U file first");
            return;
        }
        start(true);
    }

    public void apply() {
        if (text == null) {
            error("check a file first");
            return;
        }
        start(false);
    }

    private void start(boolean dryRun) {
        if (isRunning()) {
            error("an import is already running on this page");
            return;
        }
        List<ImportRow> rows = rows();
        boolean partialImport = partial;
        lines = null;
        lineCount = rows.size();
        applying = !dryRun;
        ImportProgress started = new ImportProgress();
        progress = started;
        job = CompletableFuture.supplyAsync(() -> imports.run(rows, dryRun, partialImport, started), executor);
    }

    /** Called by the page's poll: reports the outcome once the background job is done. */
    public void poll() throws IOException {
        if (job == null || !job.isDone()) {
            return;
        }
        CompletableFuture<ImportService.Result> done = job;
        job = null;
        ImportService.Result result;
        try {
            result = done.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof DatabaseUnavailableException) {
                error("nothing was imported: " + DatabaseUnavailableException.MESSAGE); // logged once by DatabaseStatus
                return;
            }
            LOG.log(Level.WARNING, "import failed", e.getCause());
            error("the import failed and stored nothing: " + e.getCause().getClass().getSimpleName());
            return;
        }
        lines = result.lines();
        if (!applying) {
            return;
        }
        if (!result.applied()) {
            error("nothing was imported: " + result.count(ImportLine.Action.REJECT)
                    + " line(s) rejected; fix them or allow a partial import");
            return;
        }
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext external = faces.getExternalContext();
        external.getFlash().setKeepMessages(true);
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, "Imported: "
                + result.count(ImportLine.Action.CREATE) + " created, " + result.count(ImportLine.Action.UPDATE) + " updated", null));
        external.redirect(external.getRequestContextPath() + "/admin/list/");
    }

    /** True while a check or an import runs in the background. */
    public boolean isRunning() {
        return job != null;
    }

    public int getPercent() {
        if (job == null) {
            return lines == null ? 0 : 100;
        }
        return job.isDone() ? 100 : Math.min(99, progress.percent());
    }

    /** E.g. {@code Checking: checked 4000 of 10000 lines}. */
    public String getProgressText() {
        if (progress == null) {
            return "";
        }
        return (applying ? "Importing " : "Checking ") + lineCount + " lines: " + progress.describe();
    }

    private List<ImportRow> rows() {
        return ImportResource.detect(text).equals("m3u") ? M3uImport.parse(text) : CsvImport.parse(text);
    }

    public String reasons(ImportLine line) {
        return String.join("; ", line.reasons());
    }

    /** A NUL byte, or many control characters, in the first 8 KB: an image, an archive, not a CSV or M3U. */
    static boolean isBinary(byte[] content) {
        int n = Math.min(content.length, 8192);
        int control = 0;
        for (int i = 0; i < n; i++) {
            int b = content[i] & 0xff;
            if (b == 0) {
                return true;
            }
            if (b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != 0x0c) {
                control++;
            }
        }
        return n > 0 && control * 10 > n;
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
