package dev.loompatterns.creationstyles;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loompatterns.core.Check;
import dev.loompatterns.core.Mode;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CreationStylesTest {

    @ParameterizedTest
    @EnumSource(Mode.class)
    void everyWorkerRunsOnceWithItsOwnArgumentInItsStyle(Mode mode) throws Exception {
        Form creator = CreationStylesPattern.FORMS.of(mode);
        List<Outcome> runs = new ArrayList<>(creator.runAll(17));
        runs.sort(Comparator.comparingInt(Outcome::worker));

        assertThat(runs)
                .extracting(Outcome::worker)
                .containsExactlyElementsOf(
                        java.util.stream.IntStream.range(0, 17).boxed().toList());
        for (Outcome run : runs) {
            assertThat(run.argument()).isEqualTo("item-" + run.worker());
            assertThat(run.style())
                    .isEqualTo(
                            creator.styles().get(run.worker() % creator.styles().size()));
            assertThat(run.virtual()).isEqualTo(mode != Mode.PLATFORM);
        }
        assertThat(CreationStylesPattern.check(mode, 17, creator.styles(), runs, "")
                        .verdict())
                .isEqualTo(Check.Verdict.PASSED);
    }

    @Test
    void platformStylesNameTheirThreadsEachTheirOwnWay() throws Exception {
        List<Outcome> runs = new PlatformCreationStyles().runAll(8);
        assertThat(runs)
                .extracting(Outcome::thread)
                .containsExactlyInAnyOrder(
                        "target-0",
                        "subclass-1",
                        "builder-0",
                        "factory-0",
                        "target-4",
                        "subclass-5",
                        "builder-1",
                        "factory-1");
    }

    /** JEP 444: virtual threads are made only by the JDK; a Thread subclass is always a platform thread. */
    @Test
    void aThreadSubclassIsNeverVirtualAndTheVirtualClassIsFinal() {
        Thread subclass = new GreeterThread(Greeter.forWorker(0, "probe"), new ConcurrentLinkedQueue<>());
        assertThat(subclass.isVirtual()).isFalse();
        Class<?> virtualClass = Thread.ofVirtual().unstarted(() -> {}).getClass();
        assertThat(Modifier.isFinal(virtualClass.getModifiers())).isTrue();
        assertThat(Modifier.isPublic(virtualClass.getModifiers())).isFalse();
        assertThat(new VirtualCreationStyles().note()).startsWith("a Thread subclass is virtual: false");
    }

    @Test
    void checkFailsOnADuplicateAWrongArgumentOrAMissingWorker() {
        List<String> styles = List.of("s");
        Outcome zero = new Outcome(0, "item-0", "s", "t", true);
        Outcome one = new Outcome(1, "item-1", "s", "t", true);
        assertThat(CreationStylesPattern.check(Mode.VIRTUAL, 2, styles, List.of(zero, zero), "")
                        .detail())
                .isEqualTo("worker 0 ran twice");
        assertThat(CreationStylesPattern.check(
                                Mode.VIRTUAL, 2, styles, List.of(zero, new Outcome(1, "item-0", "s", "t", true)), "")
                        .detail())
                .contains("got argument 'item-0'");
        assertThat(CreationStylesPattern.check(Mode.VIRTUAL, 2, styles, List.of(zero), "")
                        .detail())
                .isEqualTo("1 of 2 workers did not run");
        assertThat(CreationStylesPattern.check(Mode.PLATFORM, 2, styles, List.of(zero, one), "")
                        .verdict())
                .isEqualTo(Check.Verdict.FAILED);
        assertThat(CreationStylesPattern.check(Mode.VIRTUAL, 2, List.of("s", "u"), List.of(zero, one), "")
                        .detail())
                .contains("ran as s, not u");
    }
}
