package dev.loompatterns.context;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * A library that logs, as services do: each subtask writes a log line through SLF4J, and the
 * request id comes from logging's MDC ({@code org.slf4j.MDC}), a {@code ThreadLocal} map that
 * logback's adapter keeps per thread. The line's MDC is read by an appender as the line is
 * written, on the thread that logs it: what a real log line would carry.
 *
 * <p>MDC does not cross a hand-off to another thread, and a {@code ScopedValue} cannot help a
 * library that reads a {@code ThreadLocal}: the context must be copied by hand into each task
 * ({@code MDC.getCopyOfContextMap()} before, {@code MDC.setContextMap(...)} in the task, and the
 * thread's own map put back after it), whatever runs the task: a pool, a thread per task, a fork.
 */
final class RequestLog {

    /** The MDC key the request id goes under. */
    static final String KEY = "request";

    private static final String LOGGER = "dev.loompatterns.context.requests";
    private static final Map<String, String> LINES = new ConcurrentHashMap<>();
    private static final java.util.concurrent.atomic.AtomicLong SEQUENCE = new java.util.concurrent.atomic.AtomicLong();
    private static final Logger LOG = install();

    private RequestLog() {}

    /** An appender that keeps each line's request id, keyed by the line's text. */
    private static final class Lines extends AppenderBase<ILoggingEvent> {
        @Override
        protected void append(ILoggingEvent event) {
            String id = event.getMDCPropertyMap().get(KEY); // read now, on the logging thread
            LINES.put(event.getFormattedMessage(), id == null ? "" : id);
        }
    }

    private static Logger install() {
        Logger logger = (Logger) LoggerFactory.getLogger(LOGGER);
        Lines lines = new Lines();
        lines.setContext(logger.getLoggerContext());
        lines.start();
        logger.addAppender(lines);
        logger.setAdditive(false); // these lines are the check's, not the console's
        return logger;
    }

    /**
     * Logs one line for a subtask and returns the context its MDC carried: the expected one if
     * the ids match, null if the line carried none, another request's (by id) otherwise.
     */
    static RequestContext logAndSee(RequestContext expected) {
        String line = "subtask of " + expected.requestId() + ", line " + SEQUENCE.incrementAndGet();
        LOG.info(line);
        String id = LINES.remove(line);
        if (id == null || id.isEmpty()) {
            return null;
        }
        return id.equals(expected.requestId()) ? expected : new RequestContext(id, "(from the MDC)");
    }

    /**
     * Initializes logging on the calling thread, before any task runs: SLF4J binds its backend at
     * first use, and MDC calls made by other threads meanwhile get a temporary adapter (SLF4J 2.0.17
     * swaps it for the real one afterwards, printing two lines on stderr that say so).
     */
    static void ready() {
        LOG.isInfoEnabled();
        MDC.getMDCAdapter();
    }

    /**
     * A task's body, given the request id its thread's MDC held before the copy was set (left by an earlier task), or
     * null.
     */
    @FunctionalInterface
    interface Body<T> {
        T run(String left) throws Exception;
    }

    /**
     * The task wrapper that copies the MDC across a hand-off, whatever runs the task (a pool, a
     * thread per task, a fork): captures the calling thread's MDC now, before the hand-off, and
     * returns a task that sets the copy in its own thread, runs {@code body}, and then puts back
     * what that thread's MDC held before, else a pool thread's next task logs this request's id.
     * Put back, not cleared: a task can run on the thread that handed it off (a pool's
     * {@code CallerRunsPolicy}, a direct executor, a plain {@code call()}), whose own MDC a clear
     * would wipe.
     */
    static <T> Callable<T> copyMdcInto(Body<T> body) {
        Map<String, String> captured = MDC.getCopyOfContextMap(); // on the handing-off thread
        return () -> {
            Map<String, String> before = MDC.getCopyOfContextMap();
            String left = current();
            setOrClear(captured);
            try {
                return body.run(left);
            } finally {
                setOrClear(before);
            }
        };
    }

    /** Sets the calling thread's MDC to {@code map}, or clears it if null (a thread whose MDC held nothing). */
    private static void setOrClear(Map<String, String> map) {
        if (map == null) {
            MDC.clear();
        } else {
            MDC.setContextMap(map);
        }
    }

    /** What the calling thread's MDC holds for the request, or null. */
    static String current() {
        return MDC.get(KEY);
    }
}
