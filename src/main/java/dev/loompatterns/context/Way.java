package dev.loompatterns.context;

/** How the context is meant to reach the subtasks; one per variant of the pattern. */
enum Way {
    /** The right way for the mode: copied by hand into each task, or bound with ScopedValue. */
    PROPAGATED,
    /** Set in a ThreadLocal and not copied: the subtasks' threads never see it. */
    UNCOPIED,
    /** Set in an InheritableThreadLocal: copied when a thread is created, so stale in reused threads. */
    INHERITABLE,
    /** Propagated, plus a library that caches an expensive object per thread. */
    PER_THREAD_CACHE,
    /**
     * A library's ThreadLocal (logging's MDC) set in the handler and not copied: the subtasks' log lines lack the id.
     */
    MDC_LOST,
    /** The MDC copied by a task wrapper into each subtask, and the thread's own put back after: every log line carries its own id. */
    MDC_COPIED
}
