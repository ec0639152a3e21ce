package dev.loompatterns.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the catalogue says of every pattern in words, read from the resource {@value #RESOURCE}
 * (UTF-8): the number, id, title, tutorial, default task count and variants, which
 * {@link PatternInfo#fromCatalogue} hands a pattern class as a pre-filled builder. The typed parts
 * (parameters, task limits) stay in the pattern class, which reads them.
 *
 * <p>One block per pattern, in catalogue order. A line whose first non-blank character is
 * {@code #} is a comment; blank lines are skipped. A block starts at a line {@code <number> <id>}
 * at the left margin; its fields are the indented lines below it, each a field name, blanks, and
 * its value, taken to the end of the line:
 *
 * <pre>
 * 6 lock-counter
 *   title      a shared counter guarded by a lock
 *   tutorial   threads that increment a global counter under threading.Lock
 *   tasks      100
 *   task       a worker that increments the counter
 *   variant    synchronized     a synchronized method (no pinning since JDK 24, JEP 491)
 *   wrong-way  unguarded        the wrong way: count++ with no lock loses updates
 * </pre>
 *
 * <ul>
 *   <li>{@code title}, {@code tutorial}, {@code tasks} (a whole number from 1, {@code _} allowed between
 *       digits), {@code task} (what one task is, as it reads after "a task is"): once each, required.
 *   <li>{@code variant <id> <description>} and {@code wrong-way <id> <description>} (a variant
 *       that demonstrates a mistake): the variants in order, the first being the default. A block
 *       with none has {@link Variant#DEFAULT}.
 *   <li>{@code by-default every-variant}: {@code loom run ID} runs every variant, not the first
 *       only ({@link PatternInfo#everyVariantByDefault()}).
 * </ul>
 *
 * Ids (of patterns and of variants) are lower-case words joined by dashes. A malformed line, an
 * unknown field, a repeated id or number, or a block without its title, tutorial, tasks or task fails
 * the whole file with a message naming the line.
 */
final class CatalogueFile {

    /** The resource's name, beside this class. */
    static final String RESOURCE = "catalogue.txt";

    /** What separates a line's words: blanks and tabs. */
    private static final String BLANKS = "[ \\t]+";

    private static final String ID = "[a-z][a-z0-9]*(-[a-z0-9]+)*";
    private static final String WHOLE_NUMBER = "\\d+(_\\d+)*";
    private static final List<String> FIELDS =
            List.of("title", "tutorial", "tasks", "task", "variant", "wrong-way", "by-default");
    private static final String EVERY_VARIANT = "every-variant";

    /**
     * One block of the file.
     *
     * @param line the line its header is on
     * @param info what the block says, with no task limit and no parameters, which the pattern class adds
     */
    record Entry(int line, PatternInfo info) {

        /** A builder holding what this block says; the pattern class adds the rest. */
        PatternInfo.Builder builder() {
            return PatternInfo.Builder.from(info);
        }
    }

    private final Map<String, Entry> byId;

    private CatalogueFile(Map<String, Entry> byId) {
        this.byId = byId;
    }

    /** The file on the class path, read and checked once, on first use. */
    static CatalogueFile get() {
        return Holder.FILE;
    }

    private static final class Holder {
        static final CatalogueFile FILE = parse(RESOURCE, readResource());
    }

    /** Where the file is on the class path. */
    private static String resourcePath() {
        return CatalogueFile.class.getPackageName().replace('.', '/') + "/" + RESOURCE;
    }

    private static String readResource() {
        try (InputStream in = CatalogueFile.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("no " + resourcePath() + " on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** Every block, in the file's order. */
    List<Entry> entries() {
        return List.copyOf(byId.values());
    }

    /**
     * The block of the pattern {@code id}.
     *
     * @throws IllegalArgumentException if the file has no such block
     */
    Entry entry(String id) {
        Entry entry = byId.get(id);
        if (entry == null) {
            throw new IllegalArgumentException("pattern '" + id + "' has no block in " + RESOURCE + " ("
                    + resourcePath() + "); its ids are " + String.join(", ", byId.keySet()));
        }
        return entry;
    }

    /**
     * Reads the text of a catalogue file.
     *
     * @param name what to call the file in a message
     * @throws IllegalArgumentException naming the line, if the text is malformed
     */
    static CatalogueFile parse(String name, String text) {
        Map<String, Entry> byId = new LinkedHashMap<>();
        Map<Integer, Entry> byNumber = new LinkedHashMap<>();
        Block block = null;
        int lineNumber = 0;
        // an editor's byte-order mark would otherwise make line 1 fail with an invisible character
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        for (String line : body.lines().toList()) {
            lineNumber++;
            String content = line.strip();
            if (content.isEmpty() || content.startsWith("#")) {
                continue;
            }
            Where where = new Where(name, lineNumber);
            if (Character.isWhitespace(line.charAt(0))) {
                if (block == null) {
                    throw where.error("a field before the first pattern's '<number> <id>' line");
                }
                block.field(where, content);
            } else {
                if (block != null) {
                    add(block.end(), byId, byNumber, name);
                }
                block = Block.start(where, content);
            }
        }
        if (block != null) {
            add(block.end(), byId, byNumber, name);
        }
        return new CatalogueFile(byId);
    }

    private static void add(Entry entry, Map<String, Entry> byId, Map<Integer, Entry> byNumber, String name) {
        Where where = new Where(name, entry.line());
        PatternInfo info = entry.info();
        Entry sameId = byId.putIfAbsent(info.id(), entry);
        if (sameId != null) {
            throw where.error("pattern id '" + info.id() + "' again (first at line " + sameId.line() + ")");
        }
        Entry sameNumber = byNumber.putIfAbsent(info.number(), entry);
        if (sameNumber != null) {
            throw where.error("number " + info.number() + " again, for " + info.id() + " ("
                    + sameNumber.info().id() + " has it, at line " + sameNumber.line() + ")");
        }
    }

    /** A line of the file, for a message. */
    private record Where(String name, int line) {

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException(name + " line " + line + ": " + what);
        }
    }

    /** A block being read: its header, and the fields seen so far. */
    private static final class Block {
        private final Where header;
        private final int number;
        private final String id;
        private String title;
        private String tutorial;
        private Integer tasks;
        private String task;
        private final List<Variant> variants = new ArrayList<>();
        private boolean everyVariantByDefault;

        private Block(Where header, int number, String id) {
            this.header = header;
            this.number = number;
            this.id = id;
        }

        static Block start(Where where, String content) {
            String[] words = content.split(BLANKS);
            if (words.length != 2) {
                throw where.error("'" + content + "' is not a pattern's '<number> <id>' line (a field is indented)");
            }
            return new Block(where, wholeNumber(where, "number", words[0]), id(where, "pattern id", words[1]));
        }

        void field(Where where, String content) {
            String[] words = content.split(BLANKS, 2);
            String name = words[0];
            if (!FIELDS.contains(name)) {
                throw where.error(
                        "unknown field '" + name + "' in " + id + "; the fields are " + String.join(", ", FIELDS));
            }
            String value = words.length == 2 ? words[1].strip() : "";
            if (value.isEmpty()) {
                throw where.error(name + " of " + id + " has no value");
            }
            switch (name) {
                case "title" -> title = once(where, name, title, value);
                case "tutorial" -> tutorial = once(where, name, tutorial, value);
                case "tasks" -> tasks = once(where, name, tasks, wholeNumber(where, name, value));
                case "task" -> task = once(where, name, task, value);
                case "variant", "wrong-way" -> variant(where, name, value);
                case "by-default" -> {
                    if (!value.equals(EVERY_VARIANT)) {
                        throw where.error(
                                "by-default of " + id + " is '" + value + "'; the only value is " + EVERY_VARIANT);
                    }
                    if (everyVariantByDefault) {
                        throw where.error("a second " + name + " for " + id);
                    }
                    everyVariantByDefault = true;
                }
                default -> throw new AssertionError(name);
            }
        }

        private void variant(Where where, String field, String value) {
            String[] words = value.split(BLANKS, 2);
            if (words.length != 2) {
                throw where.error(field + " of " + id + " has no description: '" + field + " <id> <description>'");
            }
            String variantId = id(where, "variant id", words[0]);
            if (variants.stream().anyMatch(v -> v.id().equals(variantId))) {
                throw where.error("variant '" + variantId + "' of " + id + " again");
            }
            String description = words[1];
            variants.add(
                    field.equals("wrong-way")
                            ? Variant.wrongWay(variantId, description)
                            : Variant.of(variantId, description));
        }

        private <T> T once(Where where, String field, T before, T value) {
            if (before != null) {
                throw where.error("a second " + field + " for " + id);
            }
            return value;
        }

        Entry end() {
            require("title", title);
            require("tutorial", tutorial);
            require("tasks", tasks);
            require("task", task);
            // no limit here: the pattern class gives its own, which its default tasks must keep within
            // (bounded-buffer's
            // 20,000 items are the usual platform limit already), and its build checks them
            PatternInfo.Builder info = PatternInfo.of(number, id, title, tutorial, tasks)
                    .task(task)
                    .maxTasks(Integer.MAX_VALUE);
            if (!variants.isEmpty()) {
                info.variants(variants.toArray(Variant[]::new));
            }
            if (everyVariantByDefault) {
                info.everyVariantByDefault();
            }
            return new Entry(header.line(), info.build());
        }

        private void require(String field, Object value) {
            if (value == null) {
                throw header.error("pattern " + id + " has no " + field);
            }
        }

        /** A whole number from 1 up: a pattern's number and its default tasks are counts. */
        private static int wholeNumber(Where where, String field, String value) {
            if (!value.matches(WHOLE_NUMBER)) {
                throw where.error(field + " '" + value + "' is not a whole number");
            }
            int number;
            try {
                number = Integer.parseInt(value.replace("_", ""));
            } catch (NumberFormatException e) {
                throw where.error(field + " '" + value + "' is too large");
            }
            if (number < 1) {
                throw where.error(field + " '" + value + "' must be at least 1");
            }
            return number;
        }

        private static String id(Where where, String what, String value) {
            if (!value.matches(ID)) {
                throw where.error(what + " '" + value + "' is not lower-case words joined by dashes");
            }
            return value;
        }
    }
}
