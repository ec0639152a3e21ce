package dev.loompatterns.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Stack;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Reads a comma-separated option's value before picocli splits it ({@code compare --modes M,...}, {@code --variants
 * V,...}) and refuses an empty one or one with an empty item: picocli's split dropped them, and {@code --modes ,} or
 * {@code --variants ' , '} ran every mode or variant, as if the option were absent.
 */
final class CommaList implements CommandLine.IParameterPreprocessor {

    @Override
    public boolean preprocess(Stack<String> args, CommandSpec command, ArgSpec option, Map<String, Object> info) {
        if (args.isEmpty()) {
            return false; // no value: picocli says it is missing
        }
        String value = args.peek();
        if (value.startsWith("-") && !info.containsKey("separator")) {
            return false; // the next option, not a value: picocli says the value is missing
        }
        if (Arrays.stream(value.split(",", -1)).anyMatch(String::isBlank)) {
            String name = ((CommandLine.Model.OptionSpec) option).longestName();
            throw new CommandLine.ParameterException(
                    command.commandLine(),
                    "option '" + name + "' " + (value.isBlank() ? "is empty" : "has an empty item in '" + value + "'")
                            + "; give one or more " + what(name, option) + ", comma-separated");
        }
        return false; // picocli goes on to split and convert it
    }

    /** "modes (platform, virtual, structured)": the option's name without its dashes, and its choices if it has some. */
    private static String what(String name, ArgSpec option) {
        String plural = name.replaceFirst("^-+", "");
        Class<?> type = option.auxiliaryTypes()[0];
        if (!type.isEnum()) {
            return plural;
        }
        return plural + " ("
                + Arrays.stream(type.getEnumConstants())
                        .map(constant -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining(", "))
                + ")";
    }
}
