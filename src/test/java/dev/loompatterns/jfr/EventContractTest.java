package dev.loompatterns.jfr;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jdk.jfr.EventType;
import jdk.jfr.Recording;
import jdk.jfr.ValueDescriptor;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our JFR events' contract (docs/design.md, JFR events): names, labels, category, columns and no
 * stack trace, as JFR itself describes them, and the task id as recorded.
 */
class EventContractTest {

    @Test
    void eachTaskEventIsDescribedAsTheContractSays() {
        assertDescribed(EventType.getEventType(TaskSubmittedEvent.class), TaskSubmittedEvent.NAME, "Task Submitted");
        assertDescribed(EventType.getEventType(TaskStartedEvent.class), TaskStartedEvent.NAME, "Task Started");
    }

    @Test
    void thePatternRunEventIsDescribedAsTheContractSays() {
        EventType type = EventType.getEventType(PatternRunEvent.class);
        assertDescribed(
                type, PatternRunEvent.NAME, "Pattern Run", "pattern", "mode", "variant", "tasks", "checkPassed");
        assertThat(type.getField("checkPassed").getLabel()).isEqualTo("Check Passed");
    }

    private static void assertDescribed(EventType type, String name, String label) {
        assertDescribed(type, name, label, "taskId");
        assertThat(type.getDescription()).contains("taskId");
        assertThat(type.getField("taskId").getLabel()).isEqualTo("Task Id");
    }

    private static void assertDescribed(EventType type, String name, String label, String... columns) {
        assertThat(type.getName()).isEqualTo(name);
        assertThat(type.getLabel()).isEqualTo(label);
        assertThat(type.getCategoryNames()).containsExactly("Loom Patterns");
        List<String> all = new java.util.ArrayList<>(List.of("startTime", "duration", "eventThread", "stackTrace"));
        all.addAll(List.of(columns));
        assertThat(type.getFields().stream().map(ValueDescriptor::getName)).containsExactlyElementsOf(all);
        assertThat(type.getSettingDescriptors())
                .filteredOn(setting -> setting.getName().equals("stackTrace"))
                .singleElement()
                .satisfies(setting -> assertThat(setting.getDefaultValue()).isEqualTo("false"));
    }

    @Test
    void aTaskEventIsRecordedWithItsIdAndWithoutAStack(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tasks.jfr");
        try (Recording recording = new Recording()) {
            recording.enable(TaskSubmittedEvent.NAME); // with its default settings, stack trace among them
            recording.enable(TaskStartedEvent.NAME);
            recording.start();
            TaskSubmittedEvent.at(41);
            TaskStartedEvent.at(42);
            recording.stop();
            recording.dump(file);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(file).stream()
                .sorted((a, b) ->
                        a.getEventType().getName().compareTo(b.getEventType().getName()))
                .toList();
        assertThat(Files.size(file)).isPositive();
        assertThat(events).hasSize(2);
        assertThat(events.get(0).getEventType().getName()).isEqualTo(TaskStartedEvent.NAME);
        assertThat(events.get(0).getLong("taskId")).isEqualTo(42);
        assertThat(events.get(1).getEventType().getName()).isEqualTo(TaskSubmittedEvent.NAME);
        assertThat(events.get(1).getLong("taskId")).isEqualTo(41);
        assertThat(events).allSatisfy(event -> {
            assertThat(event.getStackTrace()).isNull();
            assertThat(event.getThread().getJavaThreadId())
                    .isEqualTo(Thread.currentThread().threadId());
        });
    }
}
