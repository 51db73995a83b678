package org.mynn.cli;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.ProvisionException;
import com.google.inject.spi.Message;
import com.google.inject.util.Modules;
import java.nio.file.Path;
import org.mynn.core.CoreModule;
import org.mynn.core.MynnException;
import org.mynn.data.DataModule;
import org.mynn.render.RenderModule;
import picocli.CommandLine;

/**
 * The entry point: builds the one injector (core, data, render and command-line modules), lets picocli create
 * the commands through it, and turns every failure into one line and an exit code: 0 success, 1 failure,
 * 2 usage error. Stack traces only with {@code --verbose}.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
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
        boolean verbose = hasFlag(args, "--verbose") || hasFlag(args, "-v");
        try {
            ClassLoader plugins = Plugins.loader(optionValue(args, "--plugins"));
            Module base = Modules.combine(new CoreModule(plugins), new DataModule(), new RenderModule(),
                    new CliModule(terminal));
            Injector injector = Guice.createInjector(Modules.override(base).with(overrides));
            CommandLine cmd = new CommandLine(MynnCommand.class, new GuiceFactory(injector));
            cmd.setOut(terminal.out());
            cmd.setErr(terminal.err());
            cmd.setCaseInsensitiveEnumValuesAllowed(true);
            cmd.setParameterExceptionHandler((ex, a) -> usageError(ex, terminal));
            cmd.setExecutionExceptionHandler((ex, c, parsed) -> failure(ex, terminal, verbose));
            return cmd.execute(args);
        } catch (RuntimeException | LinkageError e) {
            return failure(e, terminal, verbose);
        } finally {
            terminal.out().flush();
            terminal.err().flush();
        }
    }

    private static int usageError(CommandLine.ParameterException ex, Terminal terminal) {
        String sub = ex.getCommandLine().getCommandName();
        String help = ex.getCommandLine().getParent() == null ? "mynn --help" : "mynn " + sub + " --help";
        terminal.err().println("mynn: " + ex.getMessage() + " (see '" + help + "')");
        return 2;
    }

    static int failure(Throwable ex, Terminal terminal, boolean verbose) {
        Throwable e = unwrap(ex);
        if (e instanceof MynnException) {
            terminal.err().println("mynn: " + e.getMessage());
        } else if (e instanceof OutOfMemoryError) {
            terminal.err().println("mynn: out of memory; give Java more with MYNN_JAVA_OPTS=-Xmx2g");
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

    private static boolean hasFlag(String[] args, String flag) {
        for (String a : args) {
            if (a.equals(flag)) {
                return true;
            }
            if (a.equals("--")) {
                return false;
            }
        }
        return false;
    }

    /** @return the value of {@code --name VALUE} or {@code --name=VALUE} anywhere in the arguments, or null */
    static Path optionValue(String[] args, String name) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(name) && i + 1 < args.length) {
                return Path.of(args[i + 1]);
            }
            if (args[i].startsWith(name + "=")) {
                return Path.of(args[i].substring(name.length() + 1));
            }
        }
        return null;
    }
}
