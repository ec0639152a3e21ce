package dev.loompatterns.engine;

/** For tests in other packages: the heap watch tripped, as it is when a collection leaves the heap nearly full. */
public final class HeapWatchTrips {

    private HeapWatchTrips() {}

    /**
     * Trips the watch with these figures until the returned handle is closed, which forgets the trip: the test's JVM
     * runs on, and the trip is JVM-wide.
     */
    public static AutoCloseable trip(long usedBytes, long maxBytes) {
        HeapWatch.trip(usedBytes, maxBytes);
        return HeapWatch::reset;
    }
}
