package dev.loompatterns.testing;

import dev.loompatterns.core.Check;
import dev.loompatterns.core.Mode;
import dev.loompatterns.core.Pattern;
import dev.loompatterns.core.PatternInfo;
import dev.loompatterns.core.Variant;
import dev.loompatterns.core.Workload;

/** A pattern made for one test: an id, one task by default, and what its run does. */
public final class TestPattern {

    /** What the pattern's run does. */
    @FunctionalInterface
    public interface Run {
        Check run(Mode mode, Variant variant, Workload workload) throws Exception;
    }

    private TestPattern() {}

    /** A pattern numbered 97 (after the catalogue's), titled by its id. */
    public static Pattern of(String id, Run run) {
        PatternInfo info =
                PatternInfo.of(97, id, id.replace('-', ' '), "none", 1).build();
        return new Pattern() {
            @Override
            public PatternInfo info() {
                return info;
            }

            @Override
            public Check run(Mode mode, Variant variant, Workload workload) throws Exception {
                return run.run(mode, variant, workload);
            }
        };
    }
}
