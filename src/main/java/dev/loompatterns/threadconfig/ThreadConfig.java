package dev.loompatterns.threadconfig;

/**
 * What a caller asks of its threads: the tutorial's {@code name}, {@code daemon}, plus what Java
 * adds (priority, whether inheritable thread locals are copied).
 *
 * @param namePrefix    threads are named {@code namePrefix + 0}, {@code namePrefix + 1}, ...
 * @param daemon        whether a platform thread should be a daemon (a virtual one always is)
 * @param priority      the priority asked for (a platform thread keeps it as a hint; a virtual
 *                      one ignores it)
 * @param inheritLocals whether a new thread starts with its creator's inheritable thread locals
 */
public record ThreadConfig(String namePrefix, boolean daemon, int priority, boolean inheritLocals) {}
