package dev.loompatterns.analysis.jmc;

import dev.loompatterns.analysis.Analysis;
import dev.loompatterns.analysis.Finding;
import dev.loompatterns.analysis.Rule;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.openjdk.jmc.common.item.IItemCollection;
import org.openjdk.jmc.common.util.IPreferenceValueProvider;
import org.openjdk.jmc.flightrecorder.rules.AbstractRule;
import org.openjdk.jmc.flightrecorder.rules.IResult;
import org.openjdk.jmc.flightrecorder.rules.IResultValueProvider;
import org.openjdk.jmc.flightrecorder.rules.ResultBuilder;
import org.openjdk.jmc.flightrecorder.rules.Severity;
import org.openjdk.jmc.flightrecorder.rules.TypedResult;
import org.openjdk.jmc.flightrecorder.rules.util.JfrRuleTopics;
import org.openjdk.jmc.flightrecorder.rules.util.RulesToolkit.EventAvailability;
import org.openjdk.jmc.flightrecorder.rules.util.RulesToolkit.RequiredEventsBuilder;

/**
 * One of our rules as a JDK Mission Control rule: each evaluation gives a new instance of the rule
 * the events of the types it reads ({@link ItemCollectionReader}) and turns its {@link Finding}
 * into JMC's result ({@link Results}). The rules themselves, and so the findings, are those of
 * {@code loom inspect}.
 *
 * <p><b>Ids.</b> JMC's rule ids share one name space across every rule JMC finds (its own, 68 in
 * 9.1.2: {@code MultipleAgents}, {@code Allocations.class}, ...; and any other plug-in's), and they
 * key the rule's preferences and its place in the report. Ours are plain words ({@code pinning},
 * {@code submit-failed}) that a JMC rule for virtual threads could well take, so the JMC id is
 * {@value #ID_PREFIX} followed by our id, unchanged: {@code loom.pinning}. The part after the
 * prefix stays the contract id of {@code loom inspect}.
 *
 * <p><b>When the events are missing.</b> The required events JMC checks before it runs a rule
 * are our rule's event types, each at {@code NONE}: known to the recording. On a recording that
 * does not know them (no virtual threads before JDK 21, no loom events outside loom) JMC does not
 * run the rule and shows it as not applicable (its HTML report) or ignored (the desktop), as its
 * own rules. Not {@code ENABLED}, JMC's usual requirement: its check of it fails on every recording
 * of more than one chunk ({@link ItemCollectionReader#recorded}), which would hide an OK ("no
 * virtual thread pinned its carrier") behind "ignored". The rule then checks for itself that the
 * events it needs were recorded ({@link Needs}; all it reads, unless it names fewer), and says N/A,
 * naming them, if not. Findings that had
 * nothing to look at (no samples, no task pairs) are N/A too; everything else is the finding.
 *
 * <p><b>Topic.</b> {@link JfrRuleTopics#JAVA_APPLICATION}: JMC's Java Application page in the
 * desktop and its group in the HTML report ("threads", the other candidate, has a page in the
 * desktop but no group in the report, which files it under the Event Browser).
 */
public abstract class LoomJmcRule extends AbstractRule {

    /** What a JMC id adds to ours. */
    public static final String ID_PREFIX = "loom.";

    /** Which of a rule's event types a recording must have (events, or enabled) for the rule to say something. */
    protected enum Needs {
        /** Every one (a rule of one event type, or of a pair). */
        ALL,
        /**
         * At least one (a pool's blocking from sockets, files, parks, sleeps or monitors; the census from starts or
         * ends).
         */
        ANY
    }

    private final String ruleId;
    private final Set<String> eventTypes;
    private final Set<String> needed;
    private final Needs needs;

    /**
     * @param ruleId our rule's id, as {@link Analysis#ruleIds()} lists it
     * @param needs  how many of the needed event types the recording must have
     * @param needed the event types it needs, where it needs fewer than it reads (carrier-hogging
     *               reads sleeps and pins to cut its stretches, but needs only the samples); none: all
     */
    protected LoomJmcRule(String ruleId, Needs needs, String... needed) {
        this(prototype(ruleId), needs, Set.of(needed));
    }

    private LoomJmcRule(Rule prototype, Needs needs, Set<String> needed) {
        super(
                ID_PREFIX + prototype.id(),
                prototype.name(),
                JfrRuleTopics.JAVA_APPLICATION,
                List.of(),
                List.of(TypedResult.SCORE),
                required(prototype.eventTypes()));
        this.ruleId = prototype.id();
        this.eventTypes = new TreeSet<>(prototype.eventTypes());
        if (!eventTypes.containsAll(needed)) {
            throw new IllegalArgumentException(prototype.id() + " needs " + needed + " but reads " + eventTypes);
        }
        this.needed = needed.isEmpty() ? eventTypes : new TreeSet<>(needed);
        this.needs = needs;
    }

    private static Rule prototype(String ruleId) {
        return Analysis.allRules().stream()
                .filter(rule -> rule.id().equals(ruleId))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no rule " + ruleId + " in " + Analysis.ruleIds()));
    }

    private static Map<String, EventAvailability> required(Set<String> types) {
        RequiredEventsBuilder required = RequiredEventsBuilder.create();
        new TreeSet<>(types).forEach(type -> required.addEventType(type, EventAvailability.NONE));
        return required.build();
    }

    /** Our rule's id, the contract of {@code loom inspect}: {@code pinning}. */
    public String ruleId() {
        return ruleId;
    }

    /** The event types the rule reads. */
    public Set<String> eventTypes() {
        return java.util.Collections.unmodifiableSet(eventTypes);
    }

    @Override
    protected IResult getResult(
            IItemCollection items, IPreferenceValueProvider preferences, IResultValueProvider dependencies) {
        List<String> missing = needed.stream()
                .filter(type -> !ItemCollectionReader.recorded(items, type))
                .toList();
        if (needs == Needs.ALL ? !missing.isEmpty() : missing.size() == needed.size()) {
            return ResultBuilder.createFor(this, preferences)
                    .setSeverity(Severity.NA)
                    .setSummary((needs == Needs.ALL ? "Not recorded: " : "None of these was recorded: ")
                            + String.join(", ", missing) + ".")
                    .setExplanation(
                            "The recording has neither events of " + (missing.size() == 1 ? "this type" : "these types")
                                    + " nor a setting that enabled them. Record with "
                                    + (needs == Needs.ALL ? "them" : "one of them")
                                    + " enabled for this rule to tell.")
                    .build();
        }
        Rule rule = prototype(ruleId);
        long observations = ItemCollectionReader.feed(items, rule.eventTypes(), rule::accept);
        Finding finding = rule.finish(ItemCollectionReader.recording(items, observations, rule.eventTypes()));
        return Results.of(this, finding, preferences);
    }
}
