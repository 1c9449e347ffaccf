package org.hlsgateway.iptv.control;

/**
 * One channel read from an import file, or the reason its line was rejected ({@code error != null}).
 * {@code line} is the 1-based physical line of the input the row comes from; every value is trimmed
 * and null when absent or empty. Nothing here is validated beyond the file's structure.
 */
public record ImportRow(int line, String nickname, String url, String name, String group, String logo,
                        String tvgId, String tvgName, String error) {

    /** A row that could not be read; {@code error} tells a person what to fix. */
    public static ImportRow rejected(int line, String error) {
        return new ImportRow(line, null, null, null, null, null, null, null, error);
    }

    /** True when the line could not be read as a channel. */
    public boolean isRejected() {
        return error != null;
    }
}
