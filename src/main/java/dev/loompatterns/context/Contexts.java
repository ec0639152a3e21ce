package dev.loompatterns.context;

/**
 * The three carriers of a request's context that the forms compare. They are static, as such
 * holders are in real code, so every form must clean up after itself; the check verifies that
 * nothing is left behind on the calling thread, in these or in the MDC ({@link RequestLog}).
 */
final class Contexts {

    /** Per thread; a new thread, pooled or virtual, starts with nothing. */
    static final ThreadLocal<RequestContext> CURRENT = new ThreadLocal<>();

    /** Copied from the creating thread when a thread is created, never again. */
    static final InheritableThreadLocal<RequestContext> INHERITED = new InheritableThreadLocal<>();

    /** Bound for the extent of a call, inherited by the forks of a StructuredTaskScope opened in it (JEP 506). */
    static final ScopedValue<RequestContext> SCOPED = ScopedValue.newInstance();

    private Contexts() {}

    /** True if nothing of any request is visible on the calling thread: in these three, nor in logging's MDC. */
    static boolean nothingLeftHere() {
        return CURRENT.get() == null && INHERITED.get() == null && !SCOPED.isBound() && RequestLog.current() == null;
    }
}
