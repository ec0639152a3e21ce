package dev.loompatterns.urlfetch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loompatterns.core.Mode;
import org.junit.jupiter.api.Test;

class DescriptorsTest {

    private static final Form.Options OPTIONS = new Form.Options(20, 0, 10, Form.OnFailure.OUTCOMES);

    /** What is in flight at once: the pool's workers on platform threads, the permits if any, else every request. */
    @Test
    void inFlightIsThePoolOrThePermitsOrEveryRequest() {
        assertThat(Descriptors.inFlight(Mode.PLATFORM, 30_000, OPTIONS)).isEqualTo(20);
        assertThat(Descriptors.inFlight(Mode.VIRTUAL, 30_000, OPTIONS)).isEqualTo(30_000);
        assertThat(Descriptors.inFlight(
                        Mode.STRUCTURED, 30_000, new Form.Options(20, 500, 10, Form.OnFailure.OUTCOMES)))
                .isEqualTo(500);
        assertThat(Descriptors.inFlight(Mode.VIRTUAL, 7, OPTIONS)).isEqualTo(7);
    }

    /**
     * 30,000 requests at once against the embedded server need 60,000 sockets; with a limit of 20,000 (the
     * project machine's ulimit -n) the run failed part way with "Too many open files", as a failed check. It
     * is now refused before it starts, with a cap that fits.
     */
    @Test
    void aRunThatCannotHaveItsSocketsIsRefusedWithACapThatFits() {
        String refused = Descriptors.shortage(Mode.STRUCTURED, 30_000, 2, 100, 20_000, Descriptors.spare(20_000));
        assertThat(refused)
                .contains("30,000 requests at once need 60,000 open files")
                .contains("may open 20,000 (ulimit -n), 100 of them open already and 256 kept for the JVM's own")
                .contains("-P max-in-flight=9818 or less");
        long fits = (20_000 - 100 - Descriptors.SPARE) / 2;
        assertThat(Descriptors.shortage(Mode.STRUCTURED, (int) fits, 2, 100, 20_000, Descriptors.spare(20_000)))
                .isNull();
        assertThat(Descriptors.shortage(Mode.STRUCTURED, (int) fits + 1, 2, 100, 20_000, Descriptors.spare(20_000)))
                .isNotNull();
        assertThat(Descriptors.shortage(Mode.PLATFORM, 5_000, 1, 100, 1_024, Descriptors.spare(1_024)))
                .contains("-P workers=660 or less");
        assertThat(Descriptors.shortage(Mode.VIRTUAL, 10, 2, 400, 512, Descriptors.spare(512)))
                .as("not one request fits: a cap of 1 would fail too")
                .endsWith("no request at all fits: raise ulimit -n");
        assertThat(Descriptors.shortage(Mode.VIRTUAL, 200, 2, 100, 1_024, Descriptors.spare(1_024)))
                .as("the default run on a desktop's 1,024")
                .isNull();
    }

    /**
     * Under a limit of 256 (macOS's usual soft limit) a fixed reserve of 256 left no room, and even one request was
     * refused with "no request at all fits"; a quarter of the limit is kept there, so a run of 88 fits, and the
     * refusal of more says the reserve it counted.
     */
    @Test
    void aLowLimitKeepsAQuarterOfItForTheJvmAndStillRunsRequests() {
        assertThat(Descriptors.spare(256)).isEqualTo(64);
        assertThat(Descriptors.spare(100_000)).isEqualTo(Descriptors.SPARE);
        assertThat(Descriptors.shortage(Mode.PLATFORM, 1, 2, 15, 256, Descriptors.spare(256)))
                .isNull();
        assertThat(Descriptors.shortage(Mode.VIRTUAL, 88, 2, 15, 256, Descriptors.spare(256)))
                .isNull();
        assertThat(Descriptors.shortage(Mode.VIRTUAL, 89, 2, 15, 256, Descriptors.spare(256)))
                .contains("may open 256 (ulimit -n), 15 of them open already and 64 kept for the JVM's own")
                .endsWith("give -P max-in-flight=84 or less, fewer --tasks, or raise ulimit -n");
    }

    /**
     * What a check advises fits at the next: under a limit of 256, the check before the runs advised 88 with 15 open,
     * and the next refused it with 17 open ("give -P max-in-flight=87"), in a compare after the other cells had run.
     * The advice leaves a few descriptors, and the check at a run's set-up keeps half the reserve.
     */
    @Test
    void whatTheCheckBeforeTheRunsAdvisesStillFitsAtTheSetUp() {
        String advice = Descriptors.shortage(Mode.VIRTUAL, 89, 2, 15, 256, Descriptors.spare(256));
        int advised = Integer.parseInt(advice.replaceAll(".*max-in-flight=([0-9]+) .*", "$1"));
        assertThat(Descriptors.shortage(
                        Mode.VIRTUAL, advised, 2, 15 + Descriptors.ADVICE_SLACK, 256, Descriptors.spare(256)))
                .as("the advice, checked again with 8 more open (the CLI's second check before the runs saw 2)")
                .isNull();
        assertThat(Descriptors.shortage(Mode.VIRTUAL, 5, 2, 256 - 64 - 3, 256, 64))
                .as("one request fits without the slack: it is advised")
                .endsWith("give -P max-in-flight=1 or less, fewer --tasks, or raise ulimit -n");
        assertThat(Descriptors.spareAtSetUp(256)).isEqualTo(32);
        assertThat(Descriptors.spareAtSetUp(100_000)).isEqualTo(Descriptors.SPARE / 2);
        assertThat(Descriptors.shortage(Mode.VIRTUAL, 88, 2, 15 + 32, 256, Descriptors.spareAtSetUp(256)))
                .as("32 more open by the set-up")
                .isNull();
        assertThat(Descriptors.shortage(Mode.VIRTUAL, 88, 2, 15 + 34, 256, Descriptors.spareAtSetUp(256)))
                .contains("49 of them open already and 32 kept for the JVM's own")
                .endsWith("give -P max-in-flight=83 or less, fewer --tasks, or raise ulimit -n");
    }
}
