package dev.loompatterns.threaddump;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.loompatterns.threaddump.ThreadDump.Container;
import dev.loompatterns.threaddump.ThreadDump.DumpedThread;
import dev.loompatterns.threaddump.ThreadDump.Origin;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * Reads a JSON thread dump token by token ({@link ThreadDump#read(Path, LongConsumer)}), keeping of it only what a
 * {@link ThreadDump} holds. Read whole as a tree of JSON nodes, the 1.31 GB dump of a million virtual threads needed
 * a 4 GB heap (docs/tooling.md); read so, it fits in 256 MB. Each distinct frame, and each distinct stack, is kept
 * once and shared by the threads that have it: a million threads parked at one line hold one stack between them.
 */
final class DumpReader {

    /** How many threads are read between two reports of the bytes read, and two looks at the interrupt. */
    static final int REPORT_EVERY = 1_000;

    private final JsonParser json;
    private final Path file;
    private final LongConsumer reading;

    /** One copy of each string many threads repeat: frames, states, what they are parked on. */
    private final Map<String, String> strings = new HashMap<>();

    /** One copy of each stack: threads parked at the same place share it. */
    private final Map<List<String>, List<String>> stacks = new HashMap<>();

    /** Whether each stack of {@link #stacks} is a virtual thread's, for a dump that does not say. */
    private final Map<List<String>, Boolean> virtualStacks = new IdentityHashMap<>();

    private long threadsRead;

    private DumpReader(JsonParser json, Path file, LongConsumer reading) {
        this.json = json;
        this.file = file;
        this.reading = reading;
    }

    /**
     * The dump in {@code file}.
     *
     * @param reading told the bytes read so far, every {@value #REPORT_EVERY} threads
     * @throws InterruptedIOException if this thread is interrupted while it reads (the interrupt is kept)
     */
    static ThreadDump read(Path file, LongConsumer reading) throws IOException {
        try (JsonParser json = new JsonFactory().createParser(file.toFile())) {
            return new DumpReader(json, file, reading).dump();
        }
    }

    private ThreadDump dump() throws IOException {
        ThreadDump dump = null;
        JsonToken first = json.nextToken();
        if (first == null) { // "its JSON has no threadDump.threadContainers" said of a file with no JSON at all
            throw new ThreadDump.NotADump(
                    file + " is not a JSON thread dump (no JSON)", "it holds no JSON at all (it is empty, or spaces)");
        }
        if (first == JsonToken.VALUE_NUMBER_INT || first == JsonToken.VALUE_NUMBER_FLOAT) {
            // jcmd's text dump begins with its process id, a line JSON reads as a number: it was "no threadContainers"
            throw new ThreadDump.NotADump(
                    file + " is not a JSON thread dump (no object)",
                    "it is no JSON object (it begins with " + json.getText() + ", as jcmd's text dump does with its"
                            + " process id); a text dump (jstack's, or jcmd's without -format=json) is not read");
        }
        if (first != JsonToken.START_OBJECT) { // an array, a string, null: no text dump begins so
            throw new ThreadDump.NotADump(
                    file + " is not a JSON thread dump (no object)",
                    "it is no JSON object (it begins with " + json.getText() + "), where a dump is one");
        }
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            if (json.nextToken() == JsonToken.START_OBJECT && field.equals("threadDump") && dump == null) {
                dump = threadDump();
            } else {
                json.skipChildren();
            }
        }
        if (dump == null) {
            throw new ThreadDump.NotADump(file + " is not a JSON thread dump (no threadDump.threadContainers)");
        }
        if (json.nextToken() != null) { // a second dump after the first was passed over, and the command exited 0
            throw new ThreadDump.NotADump(
                    file + " is not a JSON thread dump (more than one JSON value)",
                    "it holds more after its dump (two dumps joined by cat, say), where a dump's file holds one; give"
                            + " each dump a file of its own");
        }
        return dump;
    }

    /** The {@code threadDump} object, its start read; null if it has no {@code threadContainers} array. */
    private ThreadDump threadDump() throws IOException {
        String processId = "";
        String time = "";
        String runtimeVersion = "";
        List<Container> containers = null;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = json.nextToken();
            switch (field) {
                case "processId" -> processId = text("");
                case "time" -> time = text("");
                case "runtimeVersion" -> runtimeVersion = text("");
                case "threadContainers" -> {
                    if (value == JsonToken.START_ARRAY && containers == null) {
                        containers = containers();
                    } else {
                        json.skipChildren();
                    }
                }
                default -> json.skipChildren();
            }
        }
        if (containers == null) {
            return null;
        }
        ThreadDump dump = new ThreadDump(List.copyOf(containers), new Origin(processId, time, runtimeVersion));
        Optional<Container> looped = dump.inALoop();
        if (looped.isPresent()) { // depth() never ended on it: loom dump spun at 100% CPU
            throw new ThreadDump.NotADump(
                    file + " is not a JSON thread dump (its containers are no tree)",
                    "its container '" + looped.get().name() + "' is its own ancestor (its parents lead back to it),"
                            + " which no dump the JDK writes has");
        }
        if (containers.stream().allMatch(container -> container.threads().isEmpty())) { // said JDK < 25, of no thread
            throw new ThreadDump.NotADump(
                    file + " is not a JSON thread dump (no thread)",
                    "it has no thread that loom can read, where every dump the JDK writes has one at least, the thread"
                            + " that took it");
        }
        return dump;
    }

    private List<Container> containers() throws IOException {
        List<Container> containers = new ArrayList<>();
        JsonToken token;
        while ((token = json.nextToken()) != JsonToken.END_ARRAY) {
            if (token == JsonToken.START_OBJECT) {
                containers.add(container());
            } else {
                json.skipChildren(); // something other than a container: passed over, as a field not known is
            }
        }
        return containers;
    }

    /** A container, its start read: {@code container}, {@code parent} and {@code owner} (null where missing). */
    private Container container() throws IOException {
        String id = "";
        String parent = null;
        String owner = null;
        List<DumpedThread> threads = new ArrayList<>();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = json.nextToken();
            switch (field) {
                case "container" -> id = text("");
                case "parent" -> parent = text(null);
                case "owner" -> owner = text(null);
                case "threads" -> {
                    if (value == JsonToken.START_ARRAY) {
                        threads(threads);
                    } else {
                        json.skipChildren();
                    }
                }
                default -> json.skipChildren();
            }
        }
        return new Container(id, parent, owner, List.copyOf(threads));
    }

    private void threads(List<DumpedThread> into) throws IOException {
        JsonToken token;
        while ((token = json.nextToken()) != JsonToken.END_ARRAY) {
            if (token == JsonToken.START_OBJECT) {
                into.add(thread());
                if (++threadsRead % REPORT_EVERY == 0) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new InterruptedIOException("interrupted while " + file + " was read");
                    }
                    reading.accept(json.currentLocation().getByteOffset());
                }
            } else {
                json.skipChildren();
            }
        }
    }

    /**
     * A thread, its start read. JDK 25 writes {@code virtual} for a virtual thread alone, and the JDKs before it not
     * at all: their virtual threads are told by the frame every virtual thread's stack ends with. {@code blockedOn}
     * (state BLOCKED) wins over {@code waitingOn} (in {@code Object.wait}); a thread has one or the other.
     */
    private DumpedThread thread() throws IOException {
        String tid = "";
        String name = "";
        String state = ThreadDump.UNKNOWN_STATE;
        boolean virtual = false;
        String parkBlocker = "";
        String blockedOn = null;
        String waitingOn = null;
        String carrier = "";
        List<String> stack = List.of();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = json.nextToken();
            switch (field) {
                case "tid" -> tid = text("");
                case "name" -> name = shared(text(""));
                case "state" -> state = shared(text(ThreadDump.UNKNOWN_STATE));
                case "virtual" -> virtual = json.getValueAsBoolean(false);
                case "parkBlocker" -> parkBlocker = value == JsonToken.START_OBJECT ? parkedOn() : skipped("");
                case "blockedOn" -> blockedOn = shared(text(""));
                case "waitingOn" -> waitingOn = shared(text(""));
                case "carrier" -> carrier = value.isScalarValue() ? json.getValueAsString("") : skipped("");
                case "stack" -> stack = value == JsonToken.START_ARRAY ? stack() : skipped(List.of());
                default -> json.skipChildren();
            }
        }
        String monitor = blockedOn != null ? blockedOn : waitingOn != null ? waitingOn : "";
        return new DumpedThread(
                tid, name, state, virtual || runsVirtualThread(stack), parkBlocker, monitor, stack, carrier);
    }

    /** Whether a frame of {@code stack} is {@code VirtualThread.run}: asked once of each distinct stack. */
    private boolean runsVirtualThread(List<String> stack) {
        return virtualStacks.computeIfAbsent(
                stack,
                s -> s.stream()
                        .anyMatch(frame -> ThreadDump.withoutModule(frame).startsWith(ThreadDump.VIRTUAL_THREAD_RUN)));
    }

    /** {@code parkBlocker}'s {@code object}, the object's start read. */
    private String parkedOn() throws IOException {
        String object = "";
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            json.nextToken();
            if (field.equals("object")) {
                object = shared(text(""));
            } else {
                json.skipChildren();
            }
        }
        return object;
    }

    /**
     * The frames, innermost first, the array's start read: a stack seen before is that stack, not a copy. A number or a
     * boolean is a frame as written; what is no frame (an object, an array, null) is passed over.
     */
    private List<String> stack() throws IOException {
        List<String> frames = new ArrayList<>();
        JsonToken token;
        while ((token = json.nextToken()) != JsonToken.END_ARRAY) {
            if (token.isScalarValue() && token != JsonToken.VALUE_NULL) {
                frames.add(shared(json.getValueAsString()));
            } else {
                json.skipChildren(); // an object, an array or a null (a NullPointerException, exit 1): passed over
            }
        }
        List<String> stack = List.copyOf(frames);
        return stacks.computeIfAbsent(stack, s -> s);
    }

    /** The current value's text (a number or a boolean as written), or {@code absent} for null, an array, an object. */
    private String text(String absent) throws IOException {
        if (json.currentToken().isStructStart()) {
            json.skipChildren();
            return absent;
        }
        String text = json.getValueAsString();
        return text == null ? absent : text;
    }

    /** Skips the current value, an array or object not of the shape expected, and gives {@code instead}. */
    private <T> T skipped(T instead) throws IOException {
        json.skipChildren();
        return instead;
    }

    private String shared(String text) {
        return text == null ? null : strings.computeIfAbsent(text, s -> s);
    }
}
