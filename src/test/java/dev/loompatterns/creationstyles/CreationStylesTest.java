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
            Form.Style style =
                    creator.styles().get(run.worker() % creator.styles().size());
            assertThat(run.style()).isEqualTo(style.label());
            assertThat(style.named(run.thread())).as(run.thread()).isTrue();
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
        Thread subclass = new GreeterThread(Greeter.forWorker(0, "probe"), new ConcurrentLinkedQueue<>());
        assertThat(subclass.isVirtual()).isFalse();
        Class<?> virtualClass = Thread.ofVirtual().unstarted(() -> {}).getClass();
        assertThat(Modifier.isFinal(virtualClass.getModifiers())).isTrue();
        assertThat(Modifier.isPublic(virtualClass.getModifiers())).isFalse();
        assertThat(new VirtualCreationStyles().note()).startsWith("a Thread subclass is virtual: false");
    }

    @Test
    void checkFailsOnADuplicateAWrongArgumentOrAMissingWorker() {
        List<Form.Style> styles = List.of(new Form.Style("s", "t-"));
        Outcome zero = new Outcome(0, "item-0", "s", "t-0", true);
        Outcome one = new Outcome(1, "item-1", "s", "t-1", true);
        assertThat(CreationStylesPattern.check(Mode.VIRTUAL, 2, styles, List.of(zero, one), "")
                        .verdict())
                .isEqualTo(Check.Verdict.PASSED);
        assertThat(CreationStylesPattern.check(Mode.VIRTUAL, 2, styles, List.of(zero, zero), "")
                        .detail())
                .isEqualTo("worker 0 ran twice");
        assertThat(CreationStylesPattern.check(
                                Mode.VIRTUAL, 2, styles, List.of(zero, new Outcome(1, "item-0", "s", "t-1", true)), "")
                        .detail())
                .contains("got argument 'item-0'");
        assertThat(CreationStylesPattern.check(Mode.VIRTUAL, 2, styles, List.of(zero), "")
                        .detail())
                .isEqualTo("1 of 2 workers did not run");
        assertThat(CreationStylesPattern.check(Mode.PLATFORM, 2, styles, List.of(zero, one), "")
                        .detail())
                .isEqualTo("worker 0 ran on a virtual thread");
        assertThat(CreationStylesPattern.check(
                                Mode.VIRTUAL, 2, styles, List.of(zero, new Outcome(2, "item-2", "s", "t-2", true)), "")
                        .detail())
                .isEqualTo("a run for worker 2, of 2");
        assertThat(CreationStylesPattern.check(
                                Mode.VIRTUAL, 2, styles, List.of(zero, new Outcome(-1, "item-1", "s", "t-1", true)), "")
                        .detail())
                .isEqualTo("a run for worker -1, of 2");
    }

    /**
     * The style is read from the thread's name, which the way of making it gave, not from the label
     * the form put on the run: a run labelled thread-subclass on a builder's thread fails.
     */
    @Test
    void checkFailsWhenAThreadIsNotNamedAsItsStyleNamesThem() {
        List<Form.Style> styles = PlatformCreationStyles.STYLES;
        Outcome zero = new Outcome(0, "item-0", "runnable-target", "target-0", false);
        Outcome one = new Outcome(1, "item-1", "thread-subclass", "subclass-1", false);
        assertThat(CreationStylesPattern.check(Mode.PLATFORM, 2, styles, List.of(zero, one), "")
                        .verdict())
                .isEqualTo(Check.Verdict.PASSED);
        Outcome builderThread = new Outcome(1, "item-1", "thread-subclass", "builder-0", false);
        assertThat(CreationStylesPattern.check(Mode.PLATFORM, 2, styles, List.of(zero, builderThread), "")
                        .detail())
                .isEqualTo("worker 1 ran on 'builder-0', not a thread-subclass thread (subclass-N)");
        List<Form.Style> virtual = VirtualCreationStyles.STYLES;
        Outcome named = new Outcome(1, "item-1", "per-task-executor", "virtual-0", true);
        assertThat(CreationStylesPattern.check(
                                Mode.VIRTUAL,
                                2,
                                virtual,
                                List.of(new Outcome(0, "item-0", "builder", "virtual-0", true), named),
                                "")
                        .detail())
                .isEqualTo("worker 1 ran on 'virtual-0', not a per-task-executor thread (unnamed)");
        Outcome unnamed = new Outcome(0, "item-0", "builder", "", true);
        assertThat(CreationStylesPattern.check(Mode.VIRTUAL, 1, virtual, List.of(unnamed), "")
                        .detail())
                .isEqualTo("worker 0 ran on '', not a builder thread (virtual-N)");
        assertThat(new Form.Style("b", "builder-").named("builder-")).isFalse();
        assertThat(new Form.Style("b", "builder-").named("builder-x")).isFalse();
    }
}
