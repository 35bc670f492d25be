package dev.berth.desktop.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every key in English and Korean, none missing and none unused, for every package's messages bundle. */
class TextsCompletenessTest {

    static final List<String> LANGUAGES = List.of("ko");
    private static final Path SOURCES = Path.of("src/main/java");
    private static final Path RESOURCES = Path.of("src/main/resources");
    private static final Pattern USE = Pattern.compile("\\bT\\.get\\(\\s*\"([^\"]+)\"");

    @Test
    void everyKeyUsedExistsInEveryLanguageAndEveryKeyIsUsed() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path pkgDir : packagesWithSources()) {
            Path rel = SOURCES.relativize(pkgDir);
            String code = packageCode(pkgDir);
            Set<String> used = new TreeSet<>();
            Matcher m = USE.matcher(code);
            while (m.find()) {
                used.add(m.group(1));
            }
            Path english = RESOURCES.resolve(rel).resolve("messages.properties");
            if (!Files.exists(english)) {
                if (!used.isEmpty()) {
                    problems.add(rel + ": uses Texts but has no messages.properties");
                }
                continue;
            }
            Set<String> keys = keys(english);
            for (String key : used) {
                if (!keys.contains(key)) {
                    problems.add(rel + ": key '" + key + "' is used but not in messages.properties");
                }
            }
            for (String key : keys) {
                if (!code.contains("\"" + key + "\"")) {
                    problems.add(rel + ": key '" + key + "' is in messages.properties but never used");
                }
            }
            for (String lang : LANGUAGES) {
                Path translated = RESOURCES.resolve(rel).resolve("messages_" + lang + ".properties");
                if (!Files.exists(translated)) {
                    problems.add(rel + ": no messages_" + lang + ".properties");
                    continue;
                }
                Set<String> other = keys(translated);
                Set<String> missing = new TreeSet<>(keys);
                missing.removeAll(other);
                Set<String> extra = new TreeSet<>(other);
                extra.removeAll(keys);
                missing.forEach(k -> problems.add(rel + ": '" + k + "' has no " + lang + " text"));
                extra.forEach(k -> problems.add(rel + ": '" + k + "' is in messages_" + lang + " only"));
            }
        }
        assertEquals(List.of(), problems, String.join("\n", problems));
    }

    @Test
    void koreanTextsAreKorean() throws IOException {
        try (Stream<Path> files = Files.walk(RESOURCES)) {
            List<Path> korean = files.filter(p -> p.getFileName().toString().equals("messages_ko.properties")).toList();
            assertTrue(!korean.isEmpty(), "no Korean bundles");
            for (Path file : korean) {
                long hangul = Files.readString(file, StandardCharsets.UTF_8).codePoints()
                        .filter(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HANGUL).count();
                assertTrue(hangul > 0, file + " has no Hangul in it");
            }
        }
    }

    private static List<Path> packagesWithSources() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(p -> p.toString().endsWith(".java")).map(Path::getParent).distinct().sorted().toList();
        }
    }

    private static String packageCode(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().map(p -> {
                try {
                    return Files.readString(p);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).collect(Collectors.joining("\n"));
        }
    }

    private static Set<String> keys(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return new TreeSet<>(p.stringPropertyNames());
    }
}
