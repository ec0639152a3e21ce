package dev.loompatterns.cli;

import dev.loompatterns.jfr.Profiles;
import jdk.jfr.Configuration;
import picocli.CommandLine.Option;

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

    Configuration load() {
        return Profiles.load(profile == null ? Profiles.DEFAULT : profile);
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
