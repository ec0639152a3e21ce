package dev.loompatterns.cli;

import dev.loompatterns.jfr.Profiles;
import jdk.jfr.Configuration;
import picocli.CommandLine.Option;

/** The {@code --profile} option that {@code run --jfr} and {@code compare --jfr-dir} share. */
final class RecordingOptions {

    @Option(names = "--profile", paramLabel = "NAME|PATH", defaultValue = Profiles.DEFAULT,
            description = "JFR settings: a profile name (${COMPLETION-CANDIDATES}) or a .jfc file; default ${DEFAULT-VALUE}",
            completionCandidates = ProfileNames.class)
    String profile;

    Configuration load() {
        return Profiles.load(profile);
    }

    static final class ProfileNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Profiles.available().iterator();
        }
    }
}
