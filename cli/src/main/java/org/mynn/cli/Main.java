package org.mynn.cli;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.ProvisionException;
import com.google.inject.spi.Message;
import com.google.inject.util.Modules;
import java.nio.file.Path;
import org.mynn.cli.option.OptionValueException;
import org.mynn.cli.terminal.Terminal;
import org.mynn.core.Labelled;
import org.mynn.core.Memory;
import org.mynn.core.MynnException;
import org.mynn.core.inject.CoreModule;
import org.mynn.core.model.BackpropRule;
import org.mynn.core.model.Precision;
import org.mynn.core.model.WeightInit;
import org.mynn.data.DataModule;
import org.mynn.data.PictureReader;
import org.mynn.data.Split;
import org.mynn.render.RenderModule;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;

/**
 * The entry point. picocli parses the command line first; then the global options ({@code --plugins},
 * {@code --verbose}) are read from the parse result, the one injector is built (core, data, render and command-line
 * modules, the activation plugins found through the plugins folder) and the services are injected into the command
 * to run. Every failure becomes one line and an exit code: 0 success, 1 failure, 2 usage error, 130 interrupted.
 * Stack traces only with {@code --verbose}.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        // Guice calls injected constructors by reflection instead of generating a class for each: it starts faster
        if (System.getProperty("guice_bytecode_gen_option") == null) {
            System.setProperty("guice_bytecode_gen_option", "DISABLED");
        }
        int code = run(args, Terminal.system());
        System.exit(code);
    }

    /**
     * Runs one command line.
     *
     * @param overrides bindings that replace the modules' own, as tests do
     * @return the exit code
     */
    public static int run(String[] args, Terminal terminal, Module... overrides) {
        boolean[] verbose = {false};
        try {
            CommandLine cmd = commandLine(MynnCommand.named(args));
            cmd.setOut(terminal.out());
            cmd.setErr(terminal.err());
            cmd.setParameterExceptionHandler((ex, a) -> usageError(ex, terminal));
            cmd.setExecutionExceptionHandler((ex, c, parsed) -> failure(ex, terminal, verbose[0], "mynn " + c.getCommandName()));
            cmd.setExecutionStrategy(parsed -> {
                verbose[0] = global(parsed, "--verbose") != null;
                if (helpOnly(parsed) || parsed.subcommand() != null
                        && parsed.subcommand().commandSpec().userObject() instanceof CompletionCommand) {
                    // help, version and the completion script need no services: answer without building the injector
                    return new CommandLine.RunLast().execute(parsed);
                }
                try {
                    Path plugins = global(parsed, "--plugins");
                    ClassLoader loader = Plugins.loader(plugins, note -> terminal.err().println("mynn: " + note));
                    Module[] modules = {new CoreModule(loader), new DataModule(), new RenderModule(), new CliModule(terminal)};
                    // overriding re-records every binding: only when there is something to override (tests)
                    Injector injector = overrides.length == 0 ? Guice.createInjector(modules)
                            : Guice.createInjector(Modules.override(modules).with(overrides));
                    for (CommandLine c : parsed.asCommandLineList()) {
                        inject(injector, c.getCommandSpec());
                    }
                } catch (RuntimeException | LinkageError e) {
                    return failure(e, terminal, verbose[0], "mynn");
                }
                return new CommandLine.RunLast().execute(parsed);
            });
            return cmd.execute(args);
        } catch (RuntimeException | LinkageError e) {
            return failure(e, terminal, verbose[0], "mynn");
        } finally {
            terminal.out().flush();
            terminal.err().flush();
        }
    }

    /**
     * @param named the subcommand a command line names ({@link MynnCommand#named}), or null
     * @return the top command with that subcommand, or with all of them when none is named or it is
     *         {@code completion} (which prints the whole model)
     */
    static CommandLine commandLine(String named) {
        CommandLine cmd = new CommandLine(MynnCommand.class);
        boolean all = named == null || named.equals("completion");
        for (java.util.Map.Entry<String, Class<?>> c : MynnCommand.COMMANDS.entrySet()) {
            if (all || named.equals(c.getKey())) {
                cmd.addSubcommand(c.getKey(), c.getValue());
            }
        }
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        labels(cmd, Precision.class, "precision");
        labels(cmd, BackpropRule.class, "backprop rule");
        labels(cmd, WeightInit.class, "weight init");
        labels(cmd, Split.class, "split");
        labels(cmd, PictureReader.Fit.class, "fit");
        return cmd;
    }

    private static <E extends Enum<E> & Labelled> void labels(CommandLine cmd, Class<E> type, String what) {
        cmd.registerConverter(type, s -> {
            try {
                return Labelled.parse(type, s, what);
            } catch (MynnException e) {
                throw new OptionValueException("{option}: " + e.getMessage());
            }
        });
    }

    /** @return true when the command line asks for help or the version anywhere */
    private static boolean helpOnly(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.isUsageHelpRequested() || p.isVersionHelpRequested()) {
                return true;
            }
        }
        return false;
    }

    /** @return the value of a global option wherever it stood on the command line; null when not given */
    @SuppressWarnings("unchecked")
    private static <T> T global(ParseResult parsed, String name) {
        T value = null;
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption(name)) {
                value = (T) p.matchedOption(name).getValue();
            }
        }
        return value;
    }

    /** Gives a command object (and its mixins) the services it asks for with {@code @Inject}. */
    private static void inject(Injector injector, CommandSpec spec) {
        injector.injectMembers(spec.userObject());
        for (CommandSpec mixin : spec.mixins().values()) {
            inject(injector, mixin);
        }
    }

    private static int usageError(CommandLine.ParameterException ex, Terminal terminal) {
        String sub = ex.getCommandLine().getCommandName();
        String help = ex.getCommandLine().getParent() == null ? "mynn --help" : "mynn " + sub + " --help";
        String message = ex.getMessage();
        if (ex.getCause() instanceof OptionValueException ov && ex.getArgSpec() instanceof CommandLine.Model.OptionSpec o) {
            message = ov.getMessage().replace("{option}", o.longestName());
        }
        terminal.err().println("mynn: " + message + " (see '" + help + "')");
        return 2;
    }

    /**
     * Says what went wrong, in one line (and the stack trace with {@code --verbose}).
     *
     * @param command the command that failed, e.g. "mynn show", for the message about running out of memory
     * @return the exit code, 1
     */
    static int failure(Throwable ex, Terminal terminal, boolean verbose, String command) {
        Throwable e = unwrap(ex);
        if (e instanceof MynnException) {
            terminal.err().println("mynn: " + e.getMessage());
        } else if (e instanceof OutOfMemoryError) {
            long max = Runtime.getRuntime().maxMemory();
            terminal.err().println("mynn: '" + command + "' ran out of memory: Java may use at most " + Memory.mb(max)
                    + "; give it more with " + Memory.JAVA_OPTS + "=-Xmx" + Math.max(2, 2 * ((max >> 30) + 1)) + "g, or ask for less");
        } else {
            terminal.err().println("mynn: unexpected error: " + e + (verbose ? "" : " (run again with --verbose for details)"));
        }
        if (verbose) {
            e.printStackTrace(terminal.err());
        }
        terminal.err().flush();
        return 1;
    }

    /** Finds the MynnException under Guice's and reflection's wrappers. */
    private static Throwable unwrap(Throwable ex) {
        Throwable e = ex;
        if (e instanceof CreationException ce) {
            for (Message m : ce.getErrorMessages()) {
                if (m.getCause() instanceof MynnException me) {
                    return me;
                }
            }
            return new MynnException(ce.getErrorMessages().iterator().next().getMessage());
        }
        while ((e instanceof ProvisionException || e instanceof java.lang.reflect.InvocationTargetException
                || e instanceof java.util.concurrent.ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
