package dev.loompatterns.jfr;

/**
 * Why a virtual thread could not unmount when it blocked: the cause of a
 * {@code jdk.VirtualThreadPinned} event, as {@link PinTaxonomy} reads it from the event's
 * {@code pinnedReason} and stack. The ids are a contract: the CLI's JSON, failure messages and
 * the analysis rules' findings name causes by them.
 */
public enum PinCause {

    /**
     * A native method or a VM frame between the blocking call and the thread's start: an FFM upcall, a JNI callback.
     */
    NATIVE_FRAME(
            "native-frame",
            "a native or VM frame on the stack (FFM upcall, JNI callback)",
            "move the blocking call out of the native callback (collect what the callback needs, block after the"
                    + " native call returns), or run that call on a platform thread; pins on every JDK"),
    /**
     * The thread was running a static initializer and blocked in it (but on a contended monitor: {@link
     * #CLASS_LOADING}, as JDK 25 words both alike).
     */
    CLASS_INIT(
            "class-init",
            "blocking inside a class initializer (<clinit>)",
            "do not block in a static initializer: do the work on first use, outside any <clinit> (a memoized"
                    + " supplier behind a lock; a holder class only moves the blocking into the holder's <clinit>);"
                    + " pins on every JDK"),
    /** The thread waited while another thread ran a class's static initializer. */
    CLASS_INIT_WAIT(
            "class-init-wait",
            "waiting for another thread to initialize a class",
            "usually a class's first use; make its initializer fast, or initialize it before the virtual threads"
                + " start; from JDK 26 no longer pins when the interpreter's new or static access waits (JDK-8369238),"
                + " though Class.forName's still does"),
    /**
     * The thread met a monitor of a cache the JDK fills on first use (a {@code ConcurrentHashMap} bin, entered by
     * {@code computeIfAbsent} called from the JDK's own code) while another thread computed the entry: FFM's var
     * handles met together by native callbacks, say. A pin only where something else pins, a native frame.
     */
    JDK_CACHE_WAIT(
            "jdk-cache-wait",
            "waiting for another thread to fill an entry of a JDK cache (its first use)",
            "a cold JVM: the JDK computes the entry once, and the wait stops once it is there; needs no change to the"
                    + " code"),
    /**
     * Loading or linking a class for its first use: a class loader's monitor, or a monitor the VM
     * takes while it resolves or links a class (JDK 25 reports these as "Freeze or preempt failed (2)",
     * a critical section, with {@code Contended monitor enter}; inside an initializer, as "VM call to
     * X.&lt;clinit&gt; on stack", with the same operation).
     */
    CLASS_LOADING(
            "class-loading",
            "loading or linking a class for its first use (a loader's or the VM's monitor)",
            "a cold JVM loading classes; it stops once the classes are loaded and needs no change to the code"
                    + " (met inside an initializer, it may instead be a synchronized block the initializer runs,"
                    + " which JFR words alike: then initialize lazily outside <clinit>)"),
    /** A monitor was held: blocking inside {@code synchronized} on JDK 21-23, or with {@code -XX:LockingMode=1}. */
    MONITOR(
            "monitor",
            "holding or entering a monitor (synchronized on JDK 21-23, or -XX:LockingMode=1)",
            "on JDK 21-23 guard blocking code with a ReentrantLock instead of synchronized, or move to JDK 24+ "
                    + "where synchronized no longer pins (JEP 491); on JDK 24 or 25 it pins only with"
                    + " -XX:LockingMode=1: drop the flag (deprecated since 24, JDK-8334299)"),
    /** JFR's own event code was on the stack: the pin is the recording's, not the program's. */
    RECORDER("jfr", "JFR's own event code (the recording, not the program)", "caused by recording; not the program's"),
    /** None of the above. */
    OTHER("other", "another cause", "read the stack: the innermost frame of your own code is where it blocked");

    private final String id;
    private final String what;
    private final String advice;

    PinCause(String id, String what, String advice) {
        this.id = id;
        this.what = what;
        this.advice = advice;
    }

    /** The contract id: {@code native-frame}, {@code class-init}, {@code class-init-wait}, ... */
    public String id() {
        return id;
    }

    /** A few words for people. */
    public String what() {
        return what;
    }

    /** What to do about it. */
    public String advice() {
        return advice;
    }

    /**
     * The cause with this id.
     *
     * @throws IllegalArgumentException naming the ids that exist
     */
    public static PinCause ofId(String id) {
        for (PinCause cause : values()) {
            if (cause.id.equals(id)) {
                return cause;
            }
        }
        StringBuilder ids = new StringBuilder();
        for (PinCause cause : values()) {
            ids.append(ids.length() == 0 ? "" : ", ").append(cause.id);
        }
        throw new IllegalArgumentException("no pin cause '" + id + "'; the causes are " + ids);
    }
}
