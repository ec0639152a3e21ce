package dev.loompatterns.creationstyles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loompatterns.core.Check;
import dev.loompatterns.core.Mode;
import dev.loompatterns.creationstyles.Form.Style.Numbering;
import dev.loompatterns.testing.InterruptAfterStarts;
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
            Form.Style style =
                    creator.styles().get(run.worker() % creator.styles().size());
            assertThat(run.thread())
                    .isEqualTo(style.threadName(run.worker(), creator.styles().size()));
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

    /** A virtual builder names its threads with its counter; the executor and the scope leave theirs unnamed. */
    @Test
    void virtualAndStructuredStylesNameTheirThreadsEachTheirOwnWay() throws Exception {
        assertThat(new VirtualCreationStyles().runAll(4))
                .extracting(Outcome::thread)
                .containsExactlyInAnyOrder("virtual-0", "", "virtual-1", "");
        assertThat(new StructuredCreationStyles().runAll(2))
                .extracting(Outcome::thread)
                .containsExactly("", "");
    }

    /** JEP 444: virtual threads are made only by the JDK; a Thread subclass is always a platform thread. */
    @Test
    void aThreadSubclassIsNeverVirtualAndTheVirtualClassIsFinal() {
        Thread subclass = new GreeterThread(Greeter.forWorker(0), new ConcurrentLinkedQueue<>());
        assertThat(subclass.isVirtual()).isFalse();
        Class<?> virtualClass = Thread.ofVirtual().unstarted(() -> {}).getClass();
        assertThat(Modifier.isFinal(virtualClass.getModifiers())).isTrue();
        assertThat(Modifier.isPublic(virtualClass.getModifiers())).isFalse();
        assertThat(new VirtualCreationStyles().note()).startsWith("a Thread subclass is virtual: false");
    }

    @Test
    void checkFailsOnADuplicateAWrongArgumentOrAMissingWorker() {
        List<Form.Style> styles = List.of(new Form.Style("s", "t-", Numbering.WORKER));
        Outcome zero = new Outcome(0, "item-0", "t-0", true);
        Outcome one = new Outcome(1, "item-1", "t-1", true);
        assertThat(CreationStylesPattern.check(Mode.VIRTUAL, 2, styles, List.of(zero, one), "")
                        .verdict())
                .isEqualTo(Check.Verdict.PASSED);
        assertThat(detail(Mode.VIRTUAL, 2, styles, zero, zero)).isEqualTo("worker 0 ran twice");
        assertThat(detail(Mode.VIRTUAL, 2, styles, zero, new Outcome(1, "item-0", "t-1", true)))
                .contains("got argument 'item-0'");
        assertThat(detail(Mode.VIRTUAL, 2, styles, zero)).isEqualTo("1 of 2 workers did not run");
        assertThat(detail(Mode.PLATFORM, 2, styles, zero, one)).isEqualTo("worker 0 ran on a virtual thread");
        assertThat(detail(Mode.VIRTUAL, 2, styles, zero, new Outcome(2, "item-2", "t-2", true)))
                .isEqualTo("a run for worker 2, of 2");
        assertThat(detail(Mode.VIRTUAL, 2, styles, zero, new Outcome(-1, "item-1", "t-1", true)))
                .isEqualTo("a run for worker -1, of 2");
    }

    /**
     * The style is read from the thread's name, which the way of making it gave: a run of worker 1, whose
     * style is the subclass, on a builder's thread fails; so does one on an unnamed thread where a name
     * was due, or a named one where none was.
     */
    @Test
    void checkFailsWhenAThreadIsNotNamedAsItsStyleNamesThem() {
        List<Form.Style> styles = PlatformCreationStyles.STYLES;
        Outcome zero = new Outcome(0, "item-0", "target-0", false);
        Outcome one = new Outcome(1, "item-1", "subclass-1", false);
        assertThat(CreationStylesPattern.check(Mode.PLATFORM, 2, styles, List.of(zero, one), "")
                        .verdict())
                .isEqualTo(Check.Verdict.PASSED);
        assertThat(detail(Mode.PLATFORM, 2, styles, zero, new Outcome(1, "item-1", "builder-0", false)))
                .isEqualTo("worker 1 ran on 'builder-0', not the thread-subclass thread (subclass-1)");
        List<Form.Style> virtual = VirtualCreationStyles.STYLES;
        Outcome named = new Outcome(1, "item-1", "virtual-0", true);
        assertThat(detail(Mode.VIRTUAL, 2, virtual, new Outcome(0, "item-0", "virtual-0", true), named))
                .isEqualTo("worker 1 ran on 'virtual-0', not the per-task-executor thread (unnamed)");
        assertThat(detail(Mode.VIRTUAL, 1, virtual, new Outcome(0, "item-0", "", true)))
                .isEqualTo("worker 0 ran on '', not the builder thread (virtual-0)");
    }

    /**
     * A thread of the right style but not the one the form made for that worker fails: the target and the
     * subclass carry their worker's number, a builder's and a factory's threads their place in its count.
     */
    @Test
    void checkFailsWhenAThreadCarriesAnotherWorkersNumber() {
        List<Form.Style> styles = PlatformCreationStyles.STYLES;
        assertThat(detail(Mode.PLATFORM, 1, styles, new Outcome(0, "item-0", "target-4", false)))
                .isEqualTo("worker 0 ran on 'target-4', not the runnable-target thread (target-0)");
        assertThat(detail(Mode.PLATFORM, 6, styles, new Outcome(5, "item-5", "subclass-1", false)))
                .isEqualTo("worker 5 ran on 'subclass-1', not the thread-subclass thread (subclass-5)");
        assertThat(detail(Mode.PLATFORM, 7, styles, new Outcome(6, "item-6", "builder-0", false)))
                .isEqualTo("worker 6 ran on 'builder-0', not the builder thread (builder-1)");
        assertThat(detail(Mode.PLATFORM, 4, styles, new Outcome(3, "item-3", "factory-3", false)))
                .isEqualTo("worker 3 ran on 'factory-3', not the thread-factory thread (factory-0)");
        assertThat(detail(Mode.PLATFORM, 1, styles, new Outcome(0, "item-0", "target-", false)))
                .isEqualTo("worker 0 ran on 'target-', not the runnable-target thread (target-0)");
    }

    /** A name is given with a numbering, and no numbering without one. */
    @Test
    void aStyleHasAPrefixExactlyWhenItNumbersItsThreads() {
        assertThatThrownBy(() -> new Form.Style("b", "", Numbering.COUNTER))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Form.Style("b", "builder-", Numbering.NONE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** The check's detail for these runs of {@code workers} workers spread over {@code styles}. */
    private static String detail(Mode mode, int workers, List<Form.Style> styles, Outcome... runs) {
        return CreationStylesPattern.check(mode, workers, styles, List.of(runs), "")
                .detail();
    }

    /** Ctrl-C in the start loop: the caller starts no more workers, and those started end (every mode). */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void anInterruptedCallerStartsNoMoreWorkers(Mode mode) {
        InterruptAfterStarts.assertStopsStarting(
                10, 2_000, () -> CreationStylesPattern.FORMS.of(mode).runAll(2_000));
    }
}
