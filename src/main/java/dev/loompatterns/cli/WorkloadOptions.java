package dev.loompatterns.cli;

import dev.loompatterns.core.Mode;
import dev.loompatterns.core.Param;
import dev.loompatterns.core.Pattern;
import dev.loompatterns.core.UsageException;
import dev.loompatterns.core.Workload;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The workload options that {@code run}, {@code compare} and {@code dump} share. */
final class WorkloadOptions {

    @Option(
            names = "--tasks",
            paramLabel = "N",
            description =
                    "tasks per run (workers, items, requests, races...); each pattern has its own default and says"
                            + " what a task is (see 'loom list ID')")
    Integer tasks;

    @Option(
            names = {"-P", "--param"},
            paramLabel = "NAME=VALUE",
            description = "a pattern parameter, e.g. -P sleep-ms=50 (see 'loom list ID' for each pattern's)")
    List<String> paramArgs = new ArrayList<>();

    /**
     * The parameters by name, as given: one {@code NAME=VALUE} each, a name at most once (picocli's map
     * let a second {@code -P sleep-ms=...} replace the first without a word, where a second --mode is an
     * error).
     */
    Map<String, String> params() {
        Map<String, String> params = new LinkedHashMap<>();
        for (String arg : paramArgs) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("-P (--param) takes NAME=VALUE, not '" + arg + "' (e.g. -P sleep-ms=50)");
            }
            String name = arg.substring(0, eq);
            String value = arg.substring(eq + 1);
            String before = params.putIfAbsent(name, value);
            if (before != null) {
                throw new UsageException(
                        "-P " + name + " is given twice (" + before + " and " + value + "); give it once");
            }
        }
        return params;
    }

    /** The options as given, for a command that runs the same workload: {@code --tasks N} and each {@code -P}. */
    List<String> asArguments() {
        List<String> arguments = new ArrayList<>();
        if (tasks != null) {
            arguments.addAll(List.of("--tasks", tasks.toString()));
        }
        paramArgs.forEach(arg -> arguments.addAll(List.of("-P", arg)));
        return arguments;
    }

    /** The workload for one pattern, with the parameters that pattern takes. */
    Workload forPattern(Pattern pattern, Mode mode, boolean onlyItsOwnParams) {
        Map<String, String> given = params();
        if (onlyItsOwnParams) {
            given.keySet().retainAll(pattern.params().stream().map(Param::name).toList());
        }
        return Workload.resolve(pattern, mode, tasks, given);
    }

    /** Rejects parameters that none of the selected patterns takes. */
    void requireKnownParams(Collection<Pattern> patterns) {
        for (String name : params().keySet()) {
            boolean known = patterns.stream()
                    .anyMatch(p ->
                            p.params().stream().anyMatch(param -> param.name().equals(name)));
            if (!known) {
                throw new UsageException("no selected pattern takes parameter '" + name
                        + "' (see 'loom list ID' for each pattern's parameters)");
            }
        }
    }
}
