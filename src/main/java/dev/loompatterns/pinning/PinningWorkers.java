package dev.loompatterns.pinning;

/** Runs {@code tasks} tasks that each make one blocking call, and returns when all have ended. */
interface PinningWorkers {

    /**
     * @throws Exception the first task's failure, after every task has ended
     */
    void runAll(int tasks, Blocking call) throws Exception;

    /** The workers for a mode. */
    static PinningWorkers of(dev.loompatterns.core.Mode mode) {
        return switch (mode) {
            case PLATFORM -> new PlatformPinning();
            case VIRTUAL -> new VirtualPinning();
            case STRUCTURED -> new StructuredPinning();
        };
    }
}
