package dev.loompatterns.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loompatterns.core.Catalogue;
import dev.loompatterns.jfr.PatternRunEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openjdk.jmc.common.IMCFrame;
import org.openjdk.jmc.common.IMCStackTrace;
import org.openjdk.jmc.common.item.Attribute;
import org.openjdk.jmc.common.item.IAttribute;
import org.openjdk.jmc.common.item.IItem;
import org.openjdk.jmc.common.item.IItemCollection;
import org.openjdk.jmc.common.item.IItemIterable;
import org.openjdk.jmc.common.item.IMemberAccessor;
import org.openjdk.jmc.common.item.ItemFilters;
import org.openjdk.jmc.common.unit.IQuantity;
import org.openjdk.jmc.common.unit.UnitLookup;
import org.openjdk.jmc.common.util.IPreferenceValueProvider;
import org.openjdk.jmc.flightrecorder.JfrAttributes;
import org.openjdk.jmc.flightrecorder.JfrLoaderToolkit;
import org.openjdk.jmc.flightrecorder.rules.IResult;
import org.openjdk.jmc.flightrecorder.rules.IRule;
import org.openjdk.jmc.flightrecorder.rules.RuleRegistry;
import org.openjdk.jmc.flightrecorder.rules.Severity;
import org.openjdk.jmc.flightrecorder.rules.report.html.JfrHtmlRulesReport;
import org.openjdk.jmc.flightrecorder.rules.util.RulesToolkit;

/**
 * A recording made by {@code loom run pinning --jfr} reads in JDK Mission Control's own parser
 * ({@code org.openjdk.jmc:flightrecorder}, the library JMC's Event Browser uses) with our events'
 * fields and the pins' reasons, and JMC's rules engine runs on it.
 */
class JmcReadsOurRecordingsTest {

    static final IAttribute<String> PATTERN = Attribute.attr("pattern", "Pattern", UnitLookup.PLAIN_TEXT);
    static final IAttribute<String> MODE = Attribute.attr("mode", "Mode", UnitLookup.PLAIN_TEXT);
    static final IAttribute<String> VARIANT = Attribute.attr("variant", "Variant", UnitLookup.PLAIN_TEXT);
    static final IAttribute<IQuantity> TASKS = Attribute.attr("tasks", "Tasks", UnitLookup.NUMBER);
    static final IAttribute<Boolean> CHECK_PASSED = Attribute.attr("checkPassed", "Check Passed", UnitLookup.FLAG);
    static final IAttribute<String> PINNED_REASON =
            Attribute.attr("pinnedReason", "Pinned Reason", UnitLookup.PLAIN_TEXT);
    static final IAttribute<String> BLOCKING_OPERATION =
            Attribute.attr("blockingOperation", "Blocking Operation", UnitLookup.PLAIN_TEXT);

    static Path recording;
    static IItemCollection events;

    @BeforeAll
    static void recordThePinningPattern() throws Exception {
        recording = PinningRecording.file();
        events = JfrLoaderToolkit.loadEvents(recording.toFile());
    }

    /** A row per event: the values of the given attributes, read the way JMC reads them. */
    static List<List<Object>> rows(String eventType, List<IAttribute<?>> attributes) {
        List<List<Object>> rows = new ArrayList<>();
        for (IItemIterable items : events.apply(ItemFilters.type(eventType))) {
            List<IMemberAccessor<?, IItem>> accessors = new ArrayList<>();
            for (IAttribute<?> attribute : attributes) {
                IMemberAccessor<?, IItem> accessor = attribute.getAccessor(items.getType());
                assertThat(accessor)
                        .as(eventType + " has field " + attribute.getIdentifier())
                        .isNotNull();
                accessors.add(accessor);
            }
            for (IItem item : items) {
                rows.add(accessors.stream().map(a -> (Object) a.getMember(item)).toList());
            }
        }
        return rows;
    }

    @Test
    void ourPatternRunEventsCarryTheirFields() {
        List<List<Object>> runs = rows(PatternRunEvent.NAME, List.of(PATTERN, MODE, VARIANT, TASKS, CHECK_PASSED));
        int variants = Catalogue.load().find("pinning").variants().size();
        assertThat(runs).hasSize(3 * variants);
        assertThat(runs).allSatisfy(run -> {
            assertThat(run.get(0)).isEqualTo("pinning");
            assertThat(run.get(1)).isIn("platform", "virtual", "structured");
            assertThat(((IQuantity) run.get(3)).longValue()).isEqualTo(2);
            assertThat(run.get(4)).isEqualTo(Boolean.TRUE);
        });
        assertThat(runs.stream().map(run -> run.get(2)).distinct())
                .contains("ffm-upcall", "class-init", "synchronized", "reentrant-lock");
    }

    @Test
    void thePinsCarryTheirReasonsOperationsAndStacks() {
        List<List<Object>> pins = rows(
                "jdk.VirtualThreadPinned", List.of(PINNED_REASON, BLOCKING_OPERATION, JfrAttributes.EVENT_STACKTRACE));
        assertThat(pins.stream().map(pin -> (String) pin.get(0)))
                .contains("Native or VM frame on stack")
                .anyMatch(reason -> reason.startsWith("VM call to dev.loompatterns.pinning.SlowStaticInit.<clinit>"));
        assertThat(pins).allSatisfy(pin -> assertThat((String) pin.get(1)).isNotBlank());
        List<String> stackedMethods = new ArrayList<>();
        for (List<Object> pin : pins) {
            IMCStackTrace stack = (IMCStackTrace) pin.get(2);
            assertThat(stack)
                    .as("stack trace recorded (pinning profile: stackTrace true)")
                    .isNotNull();
            for (IMCFrame frame : stack.getFrames()) {
                stackedMethods.add(frame.getMethod().getType().getFullName() + "."
                        + frame.getMethod().getMethodName());
            }
        }
        assertThat(stackedMethods).contains("dev.loompatterns.pinning.UpcallSort.compareSleeping");
    }

    /**
     * JMC's rules engine (flightrecorder.rules.jdk) runs on our recordings and writes its HTML
     * report; no rule knows virtual threads (JMC 9.1), so none of its results mentions a pin.
     */
    @Test
    void jmcsRulesRunOnOurRecording() throws Exception {
        Map<IRule, Future<IResult>> results = RulesToolkit.evaluateParallel(
                RuleRegistry.getRules(), events, IPreferenceValueProvider.DEFAULT_VALUES, 1);
        assertThat(results).isNotEmpty();
        List<IResult> evaluated = new ArrayList<>();
        for (Future<IResult> result : results.values()) {
            evaluated.add(result.get());
        }
        assertThat(evaluated).anyMatch(result -> result.getSeverity() != Severity.NA);
        // Measured with JMC 9.1.2 on a virtual-threads.jfc recording: 68 rules, 51 not applicable
        // (their events are not in the profile), 15 OK, 2 warnings (CPU used by other processes,
        // truncated stack traces); no rule looks at jdk.VirtualThread* events.
        assertThat(results.keySet())
                .noneMatch(rule -> rule.getId().toLowerCase(Locale.ROOT).contains("virtualthread"));
        String html = JfrHtmlRulesReport.createReport(recording.toFile());
        assertThat(html).contains("<html").endsWith("</html>");
    }
}
