package org.mynn.cli.command;

import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.mynn.cli.option.Options;
import org.mynn.cli.terminal.Terminal;
import org.mynn.core.SettingException;
import org.mynn.core.run.RunSpec;
import org.mynn.core.run.RunSpecBuilder;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * What every command shares: its terminal and usage errors. Commands are thin: they parse (picocli), call services
 * (injected into {@code @Inject} fields by {@code org.mynn.cli.Main} once the command line is parsed) and print.
 */
public abstract class BaseCommand implements Callable<Integer> {

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

    /** @return the usage error that says a setting is wrong, naming its option, e.g. "--lr: must be above 0 ..." */
    ParameterException usage(SettingException e) {
        return usage(Options.option(e.field()) + ": " + e.problem());
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
}
