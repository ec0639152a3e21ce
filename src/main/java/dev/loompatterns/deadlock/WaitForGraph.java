package dev.loompatterns.deadlock;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Cycles in a wait-for graph: an edge from a thread to the thread that owns the lock it waits
 * for. A thread waits for at most one lock, so each node has at most one edge out, and a
 * deadlock is a cycle found by following edges until a node repeats.
 */
final class WaitForGraph {

    private WaitForGraph() {}

    /**
     * @param waitsFor thread id to the id of the thread it waits for
     * @return each cycle as the sorted set of its thread ids, each cycle once
     */
    static List<Set<Long>> cycles(Map<Long, Long> waitsFor) {
        List<Set<Long>> cycles = new ArrayList<>();
        Set<Long> finished = new HashSet<>();
        for (Long start : waitsFor.keySet()) {
            LinkedHashSet<Long> path = new LinkedHashSet<>();
            Long node = start;
            while (node != null && !finished.contains(node) && path.add(node)) {
                node = waitsFor.get(node);
            }
            if (node != null && path.contains(node)) {
                // the path ran into itself: the cycle is the part from node onwards
                Set<Long> cycle = new TreeSet<>();
                boolean inCycle = false;
                for (Long step : path) {
                    inCycle |= step.equals(node);
                    if (inCycle) {
                        cycle.add(step);
                    }
                }
                cycles.add(cycle);
            }
            finished.addAll(path);
        }
        return cycles;
    }
}
