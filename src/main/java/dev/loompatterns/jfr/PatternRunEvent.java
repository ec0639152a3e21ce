package dev.loompatterns.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * Spans one run of a pattern in a mode, so a recording can be filtered down to one run: in JDK
 * Mission Control's Event Browser under "Loom Patterns", or with
 * {@code jfr print --events loompatterns.PatternRun FILE}.
 */
@Name(PatternRunEvent.NAME)
@Category("Loom Patterns")
@Label("Pattern Run")
@Description("One run of a loom-patterns pattern in one mode, with its self-check")
@StackTrace(false)
public final class PatternRunEvent extends Event {

    public static final String NAME = "loompatterns.PatternRun";

    @Label("Pattern")
    public String pattern;

    @Label("Mode")
    public String mode;

    @Label("Variant")
    public String variant;

    @Label("Tasks")
    public int tasks;

    @Label("Check Passed")
    @Description("False only when the self-check failed; a wrong-way variant that showed its flaw counts as passed")
    public boolean checkPassed;
}
