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
 * of more than one chunk ({@link ItemCollectionReader#enabled}), which would hide an OK ("no
 * virtual thread pinned its carrier") behind "ignored". The rule itself then says N/A where its
 * events were not recorded, in the words of {@code loom inspect}: settings that left them off, that
 * do not say, or a JVM without them (it checked here once, and said "neither events nor a setting
 * that enabled them" of settings that did not say). Findings that had nothing to look at (no
 * samples, no task pairs) are N/A too; everything else is the finding.
 *
 * <p><b>Topic.</b> {@link JfrRuleTopics#JAVA_APPLICATION}: JMC's Java Application page in the
 * desktop and its group in the HTML report ("threads", the other candidate, has a page in the
 * desktop but no group in the report, which files it under the Event Browser).
 */
public abstract class LoomJmcRule extends AbstractRule {

    /** What a JMC id adds to ours. */
    public static final String ID_PREFIX = "loom.";

    private final String ruleId;
    private final Set<String> eventTypes;

    /** @param ruleId our rule's id, as {@link Analysis#ruleIds()} lists it */
    protected LoomJmcRule(String ruleId) {
        this(prototype(ruleId));
    }

    private LoomJmcRule(Rule prototype) {
        super(
                ID_PREFIX + prototype.id(),
                prototype.name(),
                JfrRuleTopics.JAVA_APPLICATION,
                List.of(),
                List.of(TypedResult.SCORE),
                required(prototype.eventTypes()));
        this.ruleId = prototype.id();
        this.eventTypes = new TreeSet<>(prototype.eventTypes());
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

    /**
     * Not read: a file of several JVMs' recordings, whose threads the rule would take for one another's (in a
     * review, a {@code cat} of two runs had one pool "blocked 100% of the time", blocked 4,023 ms of the 2,028 it
     * was alive). {@code loom inspect} refuses such a file, and prints the commands that split it.
     */
    private Finding severalJvms(int jvms) {
        return new Finding(
                ruleId,
                dev.loompatterns.analysis.Severity.NA,
                "Not read: this file joins the recordings of " + jvms
                        + " JVMs (a cat of recordings, or jfr assemble of several runs' files), whose threads"
                        + " would be taken for one another's.",
                "Each JVM numbers its threads from the same small ids, so one JVM's thread would be counted as"
                        + " another's: open each JVM's recording alone ('loom inspect FILE' prints the commands"
                        + " that split this one).",
                Map.of("jvms", jvms));
    }

    @Override
    protected IResult getResult(
            IItemCollection items, IPreferenceValueProvider preferences, IResultValueProvider dependencies) {
        Rule rule = prototype(ruleId);
        int jvms = ItemCollectionReader.jvms(items).size();
        if (jvms > 1) {
            return Results.of(this, severalJvms(jvms), preferences);
        }
        long observations = ItemCollectionReader.feed(items, rule.eventTypes(), rule::accept);
        Finding finding = rule.finish(ItemCollectionReader.recording(items, observations, rule.eventTypes()));
        return Results.of(this, finding, preferences);
    }
}
