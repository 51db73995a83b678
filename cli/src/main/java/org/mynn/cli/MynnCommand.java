package org.mynn.cli;

import java.nio.file.Path;
import org.mynn.cli.command.ActivationsCommand;
import org.mynn.cli.command.BackqueryCommand;
import org.mynn.cli.command.CompareCommand;
import org.mynn.cli.command.CurvesCommand;
import org.mynn.cli.command.ConvertCommand;
import org.mynn.cli.command.DemoCommand;
import org.mynn.cli.command.ExportNumpyCommand;
import org.mynn.cli.command.ExportOnnxCommand;
import org.mynn.cli.command.FetchCommand;
import org.mynn.cli.command.ImportNumpyCommand;
import org.mynn.cli.command.ImportOnnxCommand;
import org.mynn.cli.command.InspectCommand;
import org.mynn.cli.command.PluginsCommand;
import org.mynn.cli.command.QueryCommand;
import org.mynn.cli.command.ReproduceCommand;
import org.mynn.cli.command.ServeCommand;
import org.mynn.cli.command.ShowCommand;
import org.mynn.cli.command.SweepCommand;
import org.mynn.cli.command.TestCommand;
import org.mynn.cli.command.TrainCommand;
import org.mynn.cli.command.WeightsCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code mynn}: the top command; its subcommands do the work. */
@Command(name = "mynn", mixinStandardHelpOptions = true, versionProvider = MynnCommand.Version.class,
        description = {"The neural network of \"Make Your Own Neural Network\": train it, test it, ask it about a "
            + "picture, look inside it, save and reload it.", ""},
        footer = {"", "Exit codes: 0 success, 1 failure, 2 usage error, 3 reproduce: the weights came out different.",
            "Start with: mynn demo"})
final class MynnCommand implements Runnable {

    /**
     * The subcommands, in the order help lists them. {@link Main} adds only the one a command line names (picocli
     * then builds the model of one command instead of sixteen, a good part of start-up), or all of them.
     */
    static final java.util.Map<String, Class<?>> COMMANDS = commands(DemoCommand.class, FetchCommand.class,
            TrainCommand.class, TestCommand.class, CompareCommand.class, ReproduceCommand.class, QueryCommand.class, BackqueryCommand.class, ShowCommand.class,
            WeightsCommand.class, InspectCommand.class, ConvertCommand.class, ActivationsCommand.class,
            PluginsCommand.class, SweepCommand.class, CurvesCommand.class, ImportNumpyCommand.class, ExportNumpyCommand.class,
            ExportOnnxCommand.class, ImportOnnxCommand.class, ServeCommand.class, CompletionCommand.class);

    private static java.util.Map<String, Class<?>> commands(Class<?>... classes) {
        java.util.Map<String, Class<?>> map = new java.util.LinkedHashMap<>();
        for (Class<?> c : classes) {
            map.put(c.getAnnotation(Command.class).name(), c);
        }
        return java.util.Collections.unmodifiableMap(map);
    }

    /**
     * @return the subcommand a command line names: its first word that is not an option (nor the value of
     *         {@code --plugins}); null when there is none or it is not a subcommand
     */
    static String named(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--plugins")) {
                i++;
            } else if (!a.startsWith("-")) {
                return COMMANDS.containsKey(a) ? a : null;
            }
        }
        return null;
    }

    @Spec
    CommandSpec spec;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT, description = "show stack traces of errors")
    boolean verbose;

    @Option(names = "--plugins", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "folder of activation plugin jars (default: ~/.mynn/plugins)")
    Path plugins;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a command is needed, e.g. 'mynn demo'");
    }

    /** The version from the jar's manifest. */
    static final class Version implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = MynnCommand.class.getPackage().getImplementationVersion();
            return new String[] {"mynn " + (v == null ? "(development build)" : v) + ", Java "
                    + System.getProperty("java.version")};
        }
    }
}
