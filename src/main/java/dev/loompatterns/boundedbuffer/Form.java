package dev.loompatterns.boundedbuffer;

/** What every mode implements: plays {@link BufferScenario} on the mode's kind of thread. */
interface Form {

    Outcome play(Buffer<Integer> buffer, int items, int producers, int consumers) throws Exception;
}
