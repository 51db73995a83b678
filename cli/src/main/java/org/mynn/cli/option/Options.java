package org.mynn.cli.option;

import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** What the options share: the option that sets a run specification's field, and usage errors of a mixin's command. */
public final class Options {

    /** The options whose name is not {@code --} and the run specification's field name. */
    private static final Map<String, String> NAMED_OTHERWISE = Map.of("schedule", "--lr-schedule", "biases", "--bias");

    private Options() {
    }

    /** @return the option of run specification field {@code field}, e.g. "--lr-schedule" for "schedule" */
    public static String option(String field) {
        return NAMED_OTHERWISE.getOrDefault(field, "--" + field);
    }

    /** @return a usage error of the command {@code mixee} (the command a mixin is part of) */
    public static ParameterException usage(CommandSpec mixee, String message) {
        return new ParameterException(mixee.commandLine(), message);
    }
}
