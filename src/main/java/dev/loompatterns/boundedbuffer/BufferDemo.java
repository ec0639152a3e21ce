package dev.loompatterns.boundedbuffer;

/** Plays {@link BufferScenario} on one mode's kind of thread. */
interface BufferDemo {

    BufferScenario.Report play(Buffer<Integer> buffer, int items, int producers, int consumers) throws Exception;
}
