package dev.loompatterns.jfr;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Pins counted by whose they are: the observed code's own, and apart from them those of a class's
 * first use and of the recording, with what each of those was.
 *
 * @param code     pins of the observed code ({@link PinOrigin#CODE})
 * @param firstUse pins of the JDK or a harness meeting a class for the first time ({@link PinOrigin#FIRST_USE})
 * @param recorder pins in JFR's own event code ({@link PinOrigin#RECORDER})
 * @param apart    the first-use and recorder pins by what they were ({@code class-init-wait of a.B}), counted
 */
public record PinTally(long code, long firstUse, long recorder, Map<String, Long> apart) {

    /** No pins at all. */
    public static final PinTally NONE = new PinTally(0, 0, 0, Map.of());

    public PinTally {
        apart = Collections.unmodifiableMap(new TreeMap<>(apart));
    }

    /** Counts the pins, with {@code ownCode} telling the observed code's classes from the rest. */
    public static PinTally of(Collection<Pin> pins, Predicate<String> ownCode) {
        long code = 0;
        long firstUse = 0;
        long recorder = 0;
        Map<String, Long> apart = new TreeMap<>();
        for (Pin pin : pins) {
            PinOrigin origin = pin.origin(ownCode);
            switch (origin) {
                case CODE -> code++;
                case FIRST_USE -> firstUse++;
                case RECORDER -> recorder++;
            }
            if (origin != PinOrigin.CODE) {
                apart.merge(pin.causeLabel(), 1L, Long::sum);
            }
        }
        return new PinTally(code, firstUse, recorder, apart);
    }

    /** Every pin counted by its cause (and subject): {@code 2 x native-frame, 1 x class-loading}, sorted. */
    public static String byCause(Collection<Pin> pins) {
        Map<String, Long> counts = new TreeMap<>();
        pins.forEach(pin -> counts.merge(pin.causeLabel(), 1L, Long::sum));
        StringBuilder text = new StringBuilder();
        counts.forEach((what, count) -> text.append(text.length() == 0 ? "" : ", ")
                .append(count)
                .append(" x ")
                .append(what));
        return text.toString();
    }

    /** Both tallies together. */
    public PinTally plus(PinTally other) {
        Map<String, Long> both = new TreeMap<>(apart);
        other.apart.forEach((what, count) -> both.merge(what, count, Long::sum));
        return new PinTally(code + other.code, firstUse + other.firstUse, recorder + other.recorder, both);
    }

    /** The pins that are not the code's. */
    public long apartTotal() {
        return firstUse + recorder;
    }
}
