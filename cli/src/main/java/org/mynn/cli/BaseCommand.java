package org.mynn.cli;

import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mynn.core.SettingException;
import org.mynn.core.run.RunSpec;
import org.mynn.core.run.RunSpecBuilder;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * What every command shares: its terminal and usage errors. Commands are thin: they parse (picocli), call services
 * (injected into {@code @Inject} fields by {@link Main} once the command line is parsed) and print.
 */
abstract class BaseCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Inject
    Terminal terminal;

    PrintWriter out() {
        return terminal.out();
    }

    ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** The options whose name is not {@code --} and the run specification's field name. */
    private static final Map<String, String> OPTIONS = Map.of("schedule", "--lr-schedule", "biases", "--bias");

    /** @return the option of run specification field {@code field}, e.g. "--lr-schedule" for "schedule" */
    static String option(String field) {
        return OPTIONS.getOrDefault(field, "--" + field);
    }

    /** @return the usage error that says a setting is wrong, naming its option, e.g. "--lr: must be above 0 ..." */
    ParameterException usage(SettingException e) {
        return usage(option(e.field()) + ": " + e.problem());
    }

    /**
     * Builds a run specification from the options given.
     *
     * @throws ParameterException naming the option whose value is wrong
     */
    RunSpec spec(RunSpecBuilder b) {
        try {
            return b.build();
        } catch (SettingException e) {
            throw usage(e);
        }
    }

    /** @return a usage error of the command {@code mixee} */
    static ParameterException usage(CommandSpec mixee, String message) {
        return new ParameterException(mixee.commandLine(), message);
    }
}
