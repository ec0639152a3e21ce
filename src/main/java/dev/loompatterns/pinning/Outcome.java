package dev.loompatterns.pinning;

import dev.loompatterns.core.Mode;
import dev.loompatterns.jfr.Pin;
import dev.loompatterns.jfr.PinRecorder;
import dev.loompatterns.jfr.PinTally;
import dev.loompatterns.jfr.PinTaxonomy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What one run produced: the pins its tasks made, recorded by a {@link PinRecorder} while
 * {@link #observe} runs them, and said in one line by {@link #describe()}. The
 * pattern's own pins are told apart from a cold JVM's ({@link PinTaxonomy}): no warm-up call is
 * needed to keep the JDK's or the harness's first use of a class out of the check.
 *
 * @param pins  the pins of this package's code
 * @param apart the run's other pins: a class's first use, JFR's own
 */
record Outcome(List<Pin> pins, List<Pin> apart) {

    /** This package's classes are the pattern's own; the harness's and the JDK's are not. */
    static final Predicate<String> OWN_CODE = PinTaxonomy.packages(List.of(Outcome.class.getPackageName() + "."));

    Outcome {
        pins = List.copyOf(pins);
        apart = List.copyOf(apart);
    }

    /** Runs {@code tasks} calls in the mode and returns the pins of the run's own threads. */
    static Outcome observe(Mode mode, int tasks, Blocking call) throws Exception {
        try (PinRecorder recorder = PinRecorder.start(OWN_CODE)) {
            PinningPattern.FORMS.of(mode).runAll(tasks, call);
            recorder.stop();
            return new Outcome(recorder.pins(), recorder.apart());
        }
    }

    /**
     * {@code 0 pins}, or the count, each distinct cause, reason, operation and top frame, and the
     * carriers held; then the pins set apart, if any.
     */
    String describe() {
        String seen = describe(pins);
        if (apart.isEmpty()) {
            return seen;
        }
        return seen + " (not counted: " + PinTally.byCause(apart) + ")";
    }

    static String describe(List<Pin> pins) {
        if (pins.isEmpty()) {
            return "0 pins";
        }
        Map<String, Long> byPlace = pins.stream()
                .collect(Collectors.groupingBy(
                        pin -> pin.causeLabel() + ": '" + pin.reason() + "' " + pin.blockingOperation() + " at "
                                + pin.topFrame(),
                        LinkedHashMap::new,
                        Collectors.counting()));
        String places = byPlace.entrySet().stream()
                .map(e -> e.getValue() + " x " + e.getKey())
                .collect(Collectors.joining("; "));
        String carriers = pins.stream().map(Pin::carrier).distinct().sorted().collect(Collectors.joining(", "));
        return pins.size() + (pins.size() == 1 ? " pin: " : " pins: ") + places + "; carriers held: " + carriers;
    }
}
