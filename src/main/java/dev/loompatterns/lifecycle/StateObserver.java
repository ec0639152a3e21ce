package dev.loompatterns.lifecycle;

/** Walks one subject thread through the state diagram and reports what was observed. */
interface StateObserver {

    /**
     * @param task the subject's number; in structured mode an odd-numbered subject fails at its end
     * @throws InterruptedException if interrupted; the subject and its helper have ended by then
     */
    Observation observe(int task) throws Exception;
}
