package org.hlsgateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The features of {@code org.hlsgateway} import one way (CONVENTIONS 2a): read from the sources under
 * {@code src/main/java}, counting imports, static imports and fully qualified names in code (not in comments or
 * strings). A feature is a package right under {@code org.hlsgateway}; the root package may import anything.
 */
class FeatureGraphTest {

    /** Lowest first: a feature may import only features before it, never the root package. A new feature goes here. */
    static final List<String> LAYERS = List.of("config", "packaging", "database", "transcoding", "operations", "api",
            "security", "channels", "playback", "iptv", "cluster");

    private static final Path MAIN = Path.of("src/main/java/org/hlsgateway");
    /** What a class of the root package counts as: above every feature. */
    static final String ROOT = "(root)";

    private static final Pattern REFERENCE = Pattern.compile("\\borg\\s*\\.\\s*hlsgateway\\s*\\.\\s*(\\w+)\\b");
    private static final Pattern NOISE = Pattern.compile(
            "//[^\\n]*|/\\*.*?\\*/|\"\"\".*?\"\"\"|\"(?:\\\\.|[^\"\\\\\\n])*\"|'(?:\\\\.|[^'\\\\\\n])*'", Pattern.DOTALL);

    /** "from -> to" with the files that make the edge. */
    private static Map<String, Set<String>> edges;
    private static Set<String> features;

    @BeforeAll
    static void readSources() throws IOException {
        features = new TreeSet<>();
        try (Stream<Path> dirs = Files.list(MAIN)) {
            dirs.filter(Files::isDirectory).forEach(d -> features.add(d.getFileName().toString()));
        }
        edges = new TreeMap<>();
        for (String feature : features) {
            try (Stream<Path> files = Files.walk(MAIN.resolve(feature))) {
                files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                    for (String used : references(read(f))) {
                        if (!used.equals(feature) && (features.contains(used) || used.equals(ROOT))) {
                            edges.computeIfAbsent(feature + " -> " + used, k -> new TreeSet<>())
                                    .add(MAIN.relativize(f).toString());
                        }
                    }
                });
            }
        }
    }

    /** The packages right under org.hlsgateway that {@code source} names in code. */
    static Set<String> references(String source) {
        Matcher m = REFERENCE.matcher(NOISE.matcher(source).replaceAll(" "));
        Set<String> found = new TreeSet<>();
        while (m.find()) {
            found.add(Character.isUpperCase(m.group(1).charAt(0)) ? ROOT : m.group(1));
        }
        return found;
    }

    @Test
    void theScannerSeesImportsAndQualifiedNamesButNotCommentsOrStrings() {
        String source = """
                package org.hlsgateway.playback.boundary;
                import org.hlsgateway.channels.entity.Channel;
                import static org.hlsgateway.security.entity.Role.ADMIN_NAME;
                import org.hlsgateway.config.*;
                /** See {@link org.hlsgateway.iptv.control.M3uExport}. */
                class A {
                    Object mode = org.hlsgateway.transcoding.entity.VideoMode.COPY; // org.hlsgateway.api.X
                    String logger = "org.hlsgateway.audit";
                    Class<?> mappers = org.hlsgateway.ErrorMappers.class;
                }
                """;
        assertEquals(Set.of("playback", "channels", "security", "config", "transcoding", ROOT), references(source));
    }

    @Test
    void theSourcesAreFound() {
        assertTrue(features.containsAll(Set.of("channels", "transcoding")), "features under " + MAIN.toAbsolutePath()
                + ": " + features);
        assertFalse(edges.isEmpty(), "no feature imports another: the scanner reads nothing");
    }

    @Test
    void noTwoFeaturesImportEachOther() {
        List<String> cycles = new ArrayList<>();
        edges.forEach((edge, files) -> {
            String[] ends = edge.split(" -> ");
            Set<String> back = edges.get(ends[1] + " -> " + ends[0]);
            if (back != null && ends[0].compareTo(ends[1]) < 0) {
                cycles.add(edge + " " + files + " and back " + back);
            }
        });
        assertEquals(List.of(), cycles, "features that import each other");
    }

    @Test
    void everyFeatureImportsOnlyFeaturesBelowIt() {
        assertEquals(List.of(), features.stream().filter(f -> !LAYERS.contains(f)).toList(),
                "features missing from LAYERS (place them where they belong)");
        List<String> upward = new ArrayList<>();
        edges.forEach((edge, files) -> {
            String[] ends = edge.split(" -> ");
            int used = ends[1].equals(ROOT) ? LAYERS.size() : LAYERS.indexOf(ends[1]);
            if (used > LAYERS.indexOf(ends[0])) {
                upward.add(edge + " " + files);
            }
        });
        assertEquals(List.of(), upward, "imports of a feature above, in the order " + LAYERS);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
