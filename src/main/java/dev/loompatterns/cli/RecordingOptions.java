package dev.loompatterns.cli;

import dev.loompatterns.core.Typo;
import dev.loompatterns.jfr.Profiles;
import java.util.Set;
import jdk.jfr.Configuration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code --profile} option that {@code run --jfr} and {@code compare --jfr-dir} share. */
final class RecordingOptions {

    @Option(
            names = "--profile",
            paramLabel = "NAME|PATH",
            description =
                    "JFR settings for the recording: a profile name (${COMPLETION-CANDIDATES}) or a .jfc file; default "
                            + Profiles.DEFAULT,
            completionCandidates = ProfileNames.class)
    String profile;

    /** The command that has this option, for its error stream. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /**
     * The profile, read; a line on the error stream for each event it sets that nothing will commit (a
     * misspelt name), which is a warning only: the recording goes ahead.
     */
    Configuration load() {
        String spec = profile == null ? Profiles.DEFAULT : profile;
        Configuration configuration = Profiles.load(spec);
        Set<String> known = Profiles.knownEvents();
        for (Profiles.UnknownEvent event :
                Profiles.unknownEvents(configuration.getSettings().keySet(), known)) {
            String meant = Typo.nearest(event.name(), known);
            command.commandLine()
                    .getErr()
                    .println("loom: warning: "
                            + LoomCli.oneLine("JFR profile '" + spec + "' sets " + event.name() + "#"
                                    + String.join(", #", event.settings()) + ", but no event is called " + event.name()
                                    + " on this JVM" + (meant == null ? "" : " (did you mean " + meant + "?)")
                                    + ", so " + (event.settings().size() == 1 ? "it does" : "they do") + " nothing"));
        }
        return configuration;
    }

    /**
     * A profile given without a recording would be silently ignored: say so instead.
     *
     * @param recordingOption the option that records ({@code --jfr}, {@code --jfr-dir})
     * @throws dev.loompatterns.core.UsageException if a profile was given and nothing records
     */
    void requireRecording(boolean recording, String recordingOption) {
        if (profile != null && !recording) {
            throw new dev.loompatterns.core.UsageException("--profile chooses the settings of a recording: add "
                    + recordingOption + ", or leave out --profile");
        }
    }

    static final class ProfileNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Profiles.available().iterator();
        }
    }
}
