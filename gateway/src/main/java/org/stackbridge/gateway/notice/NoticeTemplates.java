package org.stackbridge.gateway.notice;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.stackbridge.core.notice.NoticeType;

/**
 * The notice templates (Mustache, by jmustache), per library and language: {@code <dir>/<library>/<lang>/<type>.txt}
 * before {@code <dir>/<lang>/<type>.txt} before the built-in English ones ({@code conf/notices/en}, also inside the
 * jar). A {@code .txt} file starts with a {@code Subject:} line and a blank line, then the plain-text body; the
 * {@code .html} file beside it (optional) is the HTML part, its values escaped. Missing keys are errors, not empty
 * text: every template found is rendered once with a sample notice when the gateway starts, and one that names an
 * unknown placeholder stops the start with its file and line.
 */
public final class NoticeTemplates {

    /** A rendered notice. {@code html} is null without an HTML template. */
    public record Rendered(String subject, String text, String html) {
    }

    /** A template refused at start: the file, the line and what is wrong. */
    public static final class TemplateException extends RuntimeException {
        public TemplateException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final String BUILT_IN = "/notices/en/";
    private final Mustache.Compiler textCompiler = Mustache.compiler().escapeHTML(false).strictSections(true);
    private final Mustache.Compiler htmlCompiler = Mustache.compiler().escapeHTML(true).strictSections(true);
    private final Path dir;
    /** key: "library/lang/type.ext", "lang/type.ext" or "built-in/type.ext". */
    private final Map<String, Template> templates = new HashMap<>();

    private NoticeTemplates(Path dir) {
        this.dir = dir;
    }

    /** Loads and checks every template; {@code dir} may be missing (then the built-in ones serve). */
    public static NoticeTemplates load(Path dir) {
        NoticeTemplates t = new NoticeTemplates(dir);
        for (NoticeType type : NoticeType.values()) {
            for (String ext : List.of("txt", "html")) {
                String name = type.label() + "." + ext;
                try (InputStream in = NoticeTemplates.class.getResourceAsStream(BUILT_IN + name)) {
                    if (in == null) {
                        if (ext.equals("txt")) {
                            throw new IllegalStateException("built-in notice template missing: " + name);
                        }
                        continue;
                    }
                    t.add("built-in/" + name, "built-in template notices/en/" + name, new String(in.readAllBytes(), StandardCharsets.UTF_8), ext);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        if (dir != null && Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.walk(dir, 3)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    String rel = dir.relativize(f).toString().replace('\\', '/');
                    String file = f.getFileName().toString();
                    int dot = file.lastIndexOf('.');
                    if (dot < 0 || !(file.endsWith(".txt") || file.endsWith(".html"))) {
                        continue;
                    }
                    if (NoticeType.parse(file.substring(0, dot)).filter(x -> x.label().equals(file.substring(0, dot))).isEmpty()) {
                        throw new TemplateException(f + ": not a notice type; template files are named "
                                + Stream.of(NoticeType.values()).map(NoticeType::label).toList() + " with .txt or .html", null);
                    }
                    t.add(rel, f.toString(), Files.readString(f, StandardCharsets.UTF_8), file.substring(dot + 1));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("notice templates in " + dir, e);
            }
        }
        return t;
    }

    private void add(String key, String file, String source, String ext) {
        Template template;
        try {
            if (ext.equals("txt") && !source.startsWith("Subject:")) {
                throw new TemplateException(file + ":1: a text template starts with a 'Subject:' line", null);
            }
            template = (ext.equals("txt") ? textCompiler : htmlCompiler).compile(source);
            template.execute(NoticeContext.sample());
        } catch (MustacheException.Context e) {
            throw new TemplateException(file + ":" + e.lineNo + ": unknown placeholder '" + e.key + "'", e);
        } catch (MustacheException e) {
            throw new TemplateException(file + ": " + e.getMessage(), e);
        }
        templates.put(key, template);
    }

    /**
     * Renders a notice for a library and language (falling back as described above). The HTML part comes from the
     * same place as the text part (a French text is never paired with an English HTML part); none there: text only.
     */
    public Rendered render(NoticeType type, String library, String language, Map<String, Object> context) {
        String lang = language == null || language.isBlank() ? "en" : language.strip().toLowerCase(Locale.ROOT);
        String where = find(type.label() + ".txt", library, lang);
        Template text = templates.get(where + type.label() + ".txt");
        Template html = templates.get(where + type.label() + ".html");
        String all = text.execute(context);
        int end = all.indexOf('\n');
        String subject = (end < 0 ? all : all.substring(0, end)).substring("Subject:".length()).strip();
        String body = end < 0 ? "" : all.substring(end + 1).stripLeading();
        return new Rendered(subject, body, html == null ? null : html.execute(context));
    }

    /** The prefix ("MAIN/fr/", "fr/", ..., "built-in/") of the first template found for {@code name}. */
    private String find(String name, String library, String lang) {
        List<String> prefixes = new ArrayList<>();
        if (library != null) {
            prefixes.add(library + "/" + lang + "/");
        }
        prefixes.add(lang + "/");
        if (library != null) {
            prefixes.add(library + "/en/");
        }
        prefixes.add("en/");
        for (String prefix : prefixes) {
            if (templates.containsKey(prefix + name)) {
                return prefix;
            }
        }
        return "built-in/";
    }

    /** How many templates were read from the directory (beside the built-in ones). */
    public int files() {
        return (int) templates.keySet().stream().filter(k -> !k.startsWith("built-in/")).count();
    }

    /** Where the templates are read from. */
    public Path dir() {
        return dir;
    }
}
