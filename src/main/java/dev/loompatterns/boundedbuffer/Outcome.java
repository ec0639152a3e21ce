package dev.loompatterns.boundedbuffer;

/**
 * What a run of {@link BufferScenario} saw.
 *
 * @param items                 items the producers put
 * @param missing               items no consumer took
 * @param duplicated            items taken more than once
 * @param capacity              the buffer's capacity
 * @param peak                  the most items the buffer held at once, as the buffer measured it
 * @param peakSampled           the peak is a sample taken after each put ({@link QueueBuffer}), not
 *                              kept under the buffer's lock
 * @param takeBlockedWhileEmpty every consumer was seen blocked on the empty buffer, none having taken
 * @param nullTakes             take() calls that returned null (returned instead of blocking)
 * @param putBlockedWhileFull   the filling producer was seen blocked with the buffer full
 * @param fillersBack           fillers the owner took back (capacity + 1 expected)
 */
record Outcome(
        int items,
        int missing,
        int duplicated,
        int capacity,
        int peak,
        boolean peakSampled,
        boolean takeBlockedWhileEmpty,
        int nullTakes,
        boolean putBlockedWhileFull,
        int fillersBack) {}
