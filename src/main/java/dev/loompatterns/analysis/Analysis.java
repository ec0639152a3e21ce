package dev.loompatterns.analysis;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The rules, run together over one recording: give every observation to {@link #accept}, then
 * {@link #finish}. An adapter feeds it; it depends on no parser.
 */
public final class Analysis {

    private final List<Rule> rules;
    private long start = Long.MAX_VALUE;
    private long end = Long.MIN_VALUE;

    private Analysis(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** These rules (for tests of an adapter). */
    public static Analysis of(Rule... rules) {
        return new Analysis(List.of(rules));
    }

    /** Every rule, new. */
    public static Analysis ofAllRules() {
        return ofAllRules(Pasted.PLAIN);
    }

    /**
     * Every rule, new, whose commands to paste (the census's {@code slim_command}) call the tools as {@code pasted}
     * says, and write over none of the files the run writes besides (its report, a copy for JMC).
     */
    public static Analysis ofAllRules(Pasted pasted) {
        List<Rule> rules = new java.util.ArrayList<>(allRules());
        rules.replaceAll(rule -> rule instanceof VirtualThreadCensusRule ? new VirtualThreadCensusRule(pasted) : rule);
        return new Analysis(rules);
    }

    /** New instances of every rule, in the order their findings are shown. */
    public static List<Rule> allRules() {
        return List.of(
                new PinningRule(),
                new SubmitFailedRule(),
                new CarrierHoggingRule(),
                new PoolCandidateRule(),
                new QueueingDelayRule(),
                new WakeupDelayRule(),
                new VirtualThreadCensusRule());
    }

    /** The rule ids, in order: a contract. */
    public static List<String> ruleIds() {
        return allRules().stream().map(Rule::id).toList();
    }

    /** Every JFR event type some rule reads. */
    public Set<String> eventTypes() {
        Set<String> types = new LinkedHashSet<>();
        rules.forEach(rule -> types.addAll(rule.eventTypes()));
        return types;
    }

    public void accept(Observation observation) {
        long time = observation.time();
        if (time > 0 && !(observation instanceof Observation.CpuLoad)) {
            start = Math.min(start, time);
            end = Math.max(end, observation.end());
        }
        for (Rule rule : rules) {
            rule.accept(observation);
        }
    }

    /**
     * The findings, in the rules' order, for a recording the adapter describes whole (its settings' thresholds
     * and periods too), from {@link #first()} to {@link #last()}.
     */
    public List<Finding> finish(Rule.Recording recording) {
        return rules.stream().map(rule -> rule.finish(recording)).toList();
    }

    /** The first time of the events read, 0 with none: the start of the recording as the rules see it. */
    public long first() {
        return start == Long.MAX_VALUE ? 0 : start;
    }

    /** The last end of the events read, 0 with none. */
    public long last() {
        return end == Long.MIN_VALUE ? 0 : end;
    }
}
