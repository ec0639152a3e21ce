package dev.loompatterns.cli;

import dev.loompatterns.core.Mode;
import dev.loompatterns.core.Param;
import dev.loompatterns.core.Pattern;
import dev.loompatterns.core.UsageException;
import dev.loompatterns.core.Workload;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The workload options that {@code run}, {@code compare} and {@code dump} share. */
final class WorkloadOptions {

    @Option(
            names = "--tasks",
            paramLabel = "N",
            description =
                    "tasks per run (workers, requests, items); each pattern has its own default (see 'loom list ID')")
    Integer tasks;

    @Option(
            names = {"-P", "--param"},
            paramLabel = "NAME=VALUE",
            description = "a pattern parameter, e.g. -P sleep-ms=50 (see 'loom list ID' for each pattern's)")
    Map<String, String> params = new LinkedHashMap<>();

    /** The workload for one pattern, with the parameters that pattern takes. */
    Workload forPattern(Pattern pattern, Mode mode, boolean onlyItsOwnParams) {
        Map<String, String> given = new LinkedHashMap<>(params);
        if (onlyItsOwnParams) {
            given.keySet().retainAll(pattern.params().stream().map(Param::name).toList());
        }
        return Workload.resolve(pattern, mode, tasks, given);
    }

    /** Rejects parameters that none of the selected patterns takes. */
    void requireKnownParams(Collection<Pattern> patterns) {
        for (String name : params.keySet()) {
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
