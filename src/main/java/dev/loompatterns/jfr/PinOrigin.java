package dev.loompatterns.jfr;

/**
 * Whose pin it is: the code under observation, the JVM meeting a class for the first time, or the
 * recording itself. Counts, checks and assertions judge only {@link #CODE} by default, so that a
 * cold JVM neither fails nor passes them.
 */
public enum PinOrigin {

    /**
     * The observed code pinned: it blocked inside a native callback, its own initializer (but on a contended
     * monitor there: a first use), a monitor on JDK 21-23...
     */
    CODE("code"),
    /**
     * A class's first use: a virtual thread waited for a loader's monitor, or for another thread to
     * initialize a class (any class: whether a thread arrives during the initializer is timing), met
     * a contended monitor inside any initializer (JDK 25 words the VM's lock for linking a class and a
     * synchronized block there alike), or blocked initializing a class that is not the observed code's
     * own. Gone in a warm JVM.
     */
    FIRST_USE("first-use"),
    /** JFR's own event code pinned while it recorded. */
    RECORDER("recorder");

    private final String id;

    PinOrigin(String id) {
        this.id = id;
    }

    /** The contract id: {@code code}, {@code first-use}, {@code recorder}. */
    public String id() {
        return id;
    }
}
