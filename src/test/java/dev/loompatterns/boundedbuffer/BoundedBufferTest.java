package dev.loompatterns.boundedbuffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loompatterns.core.Check;
import dev.loompatterns.core.Mode;
import dev.loompatterns.testing.Background;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(60) // backstop only
class BoundedBufferTest {

    static Stream<Arguments> buffersInEveryMode() {
        return Stream.of(Mode.values())
                .flatMap(mode -> Stream.of("two-conditions", "array-blocking-queue")
                        .map(variant -> Arguments.of(mode, variant)));
    }

    /** Every item is taken once, the buffer never holds more than its capacity, and both sides were seen blocking. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("buffersInEveryMode")
    void everyItemConsumedOnceWithinCapacity(Mode mode, String variant) throws Exception {
        Buffer<Integer> buffer = variant.equals("two-conditions") ? new BoundedBuffer<>(4) : new QueueBuffer<>(4);
        Outcome outcome = BoundedBufferPattern.FORMS.of(mode).play(buffer, 3_000, 3, 5);

        assertThat(outcome.missing()).isZero();
        assertThat(outcome.duplicated()).isZero();
        assertThat(outcome.peak()).isEqualTo(4); // the fill reaches capacity, and no more
        assertThat(outcome.takeBlockedWhileEmpty()).isTrue();
        assertThat(outcome.putBlockedWhileFull()).isTrue();
        assertThat(BoundedBufferPattern.check(outcome).verdict()).isEqualTo(Check.Verdict.PASSED);
    }

    @Test
    void putBlocksWhileFullUntilATake() throws Exception {
        BoundedBuffer<String> buffer = new BoundedBuffer<>(2);
        buffer.put("a");
        buffer.put("b");
        try (Background<Void> producer = Background.start(() -> {
            buffer.put("c");
            return null;
        })) {
            producer.awaitState(Thread.State.WAITING);
            Background.awaitUntil(() -> buffer.waitingProducers() == 1);
            assertThat(buffer.size()).isEqualTo(2);

            assertThat(buffer.take()).isEqualTo("a");
            producer.join();
            assertThat(buffer.size()).isEqualTo(2);
            assertThat(buffer.take()).isEqualTo("b");
            assertThat(buffer.take()).isEqualTo("c");
        }
    }

    @Test
    void takeBlocksWhileEmptyUntilAPut() throws Exception {
        BoundedBuffer<String> buffer = new BoundedBuffer<>(1);
        try (Background<String> consumer = Background.start(buffer::take)) {
            consumer.awaitState(Thread.State.WAITING);
            Background.awaitUntil(() -> buffer.waitingConsumers() == 1);

            buffer.put("x");
            assertThat(consumer.join()).isEqualTo("x");
            assertThat(buffer.size()).isZero();
        }
    }

    @Test
    void interruptedPutAddsNothingAndInterruptedTakeRemovesNothing() throws Exception {
        BoundedBuffer<String> full = new BoundedBuffer<>(1);
        full.put("kept");
        try (Background<Void> producer = Background.start(() -> {
            full.put("never");
            return null;
        })) {
            producer.awaitState(Thread.State.WAITING);
            producer.thread().interrupt();
            assertThatThrownBy(producer::join).isInstanceOf(InterruptedException.class);
        }
        assertThat(full.size()).isEqualTo(1);
        assertThat(full.take()).isEqualTo("kept");

        BoundedBuffer<String> empty = new BoundedBuffer<>(1);
        try (Background<String> consumer = Background.start(empty::take)) {
            consumer.awaitState(Thread.State.WAITING);
            consumer.thread().interrupt();
            assertThatThrownBy(consumer::join).isInstanceOf(InterruptedException.class);
        }
        empty.put("later");
        assertThat(empty.take()).isEqualTo("later");
    }

    @Test
    void itemsComeOutInTheOrderTheyWentIn() throws Exception {
        BoundedBuffer<Integer> buffer = new BoundedBuffer<>(3);
        for (int round = 0; round < 4; round++) { // wraps around the array several times
            for (int i = 0; i < 3; i++) {
                buffer.put(round * 3 + i);
            }
            for (int i = 0; i < 3; i++) {
                assertThat(buffer.take()).isEqualTo(round * 3 + i);
            }
        }
        assertThat(buffer.peakSize()).isEqualTo(3);
    }

    /**
     * Under contention from many virtual producers and consumers, the measured peak stays within capacity. What a
     * producer throws reaches this thread: its future is read before the consumers', whose takes would otherwise
     * wait for ever for the items it never put, and the executor's threads are then interrupted.
     */
    @Test
    void peakNeverExceedsCapacityUnderContention() throws Exception {
        BoundedBuffer<Integer> buffer = new BoundedBuffer<>(3);
        int perProducer = 2_000;
        List<Future<?>> producers = new ArrayList<>();
        List<Future<Long>> sums = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            try {
                for (int p = 0; p < 8; p++) {
                    producers.add(threads.submit(() -> {
                        for (int i = 1; i <= perProducer; i++) {
                            buffer.put(i);
                        }
                        return null;
                    }));
                }
                for (int c = 0; c < 8; c++) {
                    sums.add(threads.submit(() -> {
                        long sum = 0;
                        for (int i = 0; i < perProducer; i++) {
                            sum += buffer.take();
                        }
                        return sum;
                    }));
                }
                for (Future<?> producer : producers) {
                    producer.get();
                }
                long total = 0;
                for (Future<Long> sum : sums) {
                    total += sum.get();
                }
                assertThat(total).isEqualTo(8L * perProducer * (perProducer + 1) / 2);
            } finally {
                threads.shutdownNow(); // a no-op once every task ended; else close() would wait on blocked takes
            }
        }
        assertThat(buffer.peakSize()).isBetween(1, 3);
        assertThat(buffer.size()).isZero();
    }

    @Test
    void rejectsNullItemsAndNonPositiveCapacity() {
        assertThatThrownBy(() -> new BoundedBuffer<>(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BoundedBuffer<String>(1).put(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void checkFailsOnALostItemAnOverfullBufferOrAMissedBlock() {
        assertThat(detail(new Outcome(10, 1, 0, 4, 4, false, true, 0, true, 5)))
                .isEqualTo("1 items lost and 0 taken twice, of 10");
        assertThat(detail(new Outcome(10, 0, 1, 4, 4, false, true, 0, true, 5)))
                .isEqualTo("0 items lost and 1 taken twice, of 10");
        assertThat(detail(new Outcome(10, 0, 0, 4, 5, false, true, 0, true, 5))).isEqualTo("held 5 items, capacity 4");
        assertThat(detail(new Outcome(10, 0, 0, 4, 4, false, true, 3, true, 5)))
                .isEqualTo("take() returned null 3 times instead of blocking");
        assertThat(detail(new Outcome(10, 0, 0, 4, 4, false, false, 0, true, 5)))
                .isEqualTo("a consumer took an item from the empty buffer");
        assertThat(detail(new Outcome(10, 0, 0, 4, 4, false, true, 0, false, 5)))
                .isEqualTo("a producer did not block on the full buffer");
        assertThat(detail(new Outcome(10, 0, 0, 4, 0, false, true, 0, true, 5)))
                .isEqualTo("peak 0 recorded, but the buffer was seen full at 4");
        assertThat(detail(new Outcome(10, 0, 0, 4, 3, true, true, 0, true, 5)))
                .isEqualTo("peak 3 recorded, but the buffer was seen full at 4");
        assertThat(detail(new Outcome(10, 0, 0, 4, 4, false, true, 0, true, 4))).isEqualTo("took back 4 of 5 fillers");
        for (boolean sampled : new boolean[] {false, true}) {
            assertThat(BoundedBufferPattern.check(new Outcome(10, 0, 0, 4, 4, sampled, true, 0, true, 5))
                            .verdict())
                    .isEqualTo(Check.Verdict.PASSED);
        }
        assertThat(detail(new Outcome(10, 0, 0, 4, 4, true, true, 0, true, 5)))
                .contains("filled to its capacity of 4 and never past it (sampled; ArrayBlockingQueue enforces it)");
        assertThat(detail(new Outcome(10, 0, 0, 4, 4, false, true, 0, true, 5)))
                .contains("filled to its capacity of 4 and never past it (measured)");
    }

    /** An item the buffer drops is reported missing by the check, not waited for until the run gives up. */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void aLostItemIsReportedMissing(Mode mode) throws Exception {
        var dropsSeven = new ArrayBlockingQueue<Integer>(4) {
            @Override
            public void put(Integer item) throws InterruptedException {
                if (item != 7) {
                    super.put(item);
                }
            }
        };
        Outcome outcome = BoundedBufferPattern.FORMS.of(mode).play(new QueueBuffer<>(dropsSeven), 20, 2, 3);

        assertThat(outcome.missing()).isEqualTo(1);
        assertThat(BoundedBufferPattern.check(outcome).detail()).isEqualTo("1 items lost and 0 taken twice, of 20");
    }

    /** A take() that returns null on the empty buffer instead of blocking fails the check, naming it. */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void aTakeThatDoesNotBlockFailsTheCheck(Mode mode) throws Exception {
        var neverBlocks = new ArrayBlockingQueue<Integer>(4) {
            @Override
            public Integer take() {
                return poll();
            }
        };
        Outcome outcome = BoundedBufferPattern.FORMS.of(mode).play(new QueueBuffer<>(neverBlocks), 20, 2, 3);

        assertThat(outcome.missing()).isZero();
        assertThat(outcome.nullTakes()).isPositive();
        assertThat(BoundedBufferPattern.check(outcome).detail()).startsWith("take() returned null ");
    }

    private static String detail(Outcome outcome) {
        return BoundedBufferPattern.check(outcome).detail();
    }
}
