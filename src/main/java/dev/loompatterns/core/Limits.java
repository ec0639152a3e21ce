package dev.loompatterns.core;

/** Sizes past which a run would exhaust a small machine rather than show anything. */
public final class Limits {

    /**
     * Platform threads one run may start. Each reserves a stack (1 MiB by default on x86-64 Linux)
     * and a kernel thread; tens of thousands already strain a 2-core machine.
     */
    public static final int MAX_PLATFORM_THREADS = 20_000;

    /** Tasks one run may be given: a few million virtual threads fit in a few GiB. */
    public static final int MAX_TASKS = 5_000_000;

    private Limits() {}
}
