package org.mynn.cli;

import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
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

    /** @return a usage error of the command {@code mixee} */
    static ParameterException usage(CommandSpec mixee, String message) {
        return new ParameterException(mixee.commandLine(), message);
    }
}
