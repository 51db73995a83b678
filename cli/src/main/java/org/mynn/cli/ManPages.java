package org.mynn.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Man pages in troff ({@code man(7)} macros) written from the picocli model: {@code mynn(1)} with the list of
 * commands and the global options, and {@code mynn-COMMAND(1)} for each command with its synopsis, description,
 * arguments, options and examples: the same words as {@code --help}, so a changed option shows up in both.
 */
final class ManPages {

    private ManPages() {
    }

    /**
     * @param root the top command with all its subcommands
     * @return each page's file name (e.g. "mynn-train.1") and its troff text, the top command's first
     */
    static Map<String, String> pages(CommandLine root, String version) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("mynn.1", page(root, version));
        for (CommandLine sub : root.getSubcommands().values()) {
            out.put("mynn-" + sub.getCommandName() + ".1", page(sub, version));
        }
        return out;
    }

    private static String page(CommandLine cmd, String version) {
        CommandSpec spec = cmd.getCommandSpec();
        boolean top = cmd.getParent() == null;
        String name = top ? "mynn" : "mynn-" + cmd.getCommandName();
        StringBuilder t = new StringBuilder();
        t.append(".TH \"").append(name.toUpperCase(java.util.Locale.ROOT)).append("\" \"1\" \"\" \"mynn ")
                .append(esc(version)).append("\" \"mynn manual\"\n");
        t.append(".SH NAME\n").append(esc(name)).append(" \\- ").append(esc(summary(spec))).append('\n');

        // no hyphenation, ragged right: option names stay whole
        t.append(".nh\n.ad l\n");
        // the synopsis on one long line, which man then fills at the spaces between options
        int width = spec.usageMessage().width();
        spec.usageMessage().width(10_000);
        String synopsis = new Help(spec, Help.defaultColorScheme(Help.Ansi.OFF)).synopsis(0).strip()
                .replaceFirst("^Usage: ", "");
        spec.usageMessage().width(width);
        t.append(".SH SYNOPSIS\n").append(guard(esc(synopsis))).append('\n');

        List<String> description = new ArrayList<>();
        for (String d : spec.usageMessage().description()) {
            if (!d.isBlank()) {
                description.add(d);
            }
        }
        if (!description.isEmpty()) {
            t.append(".SH DESCRIPTION\n");
            for (String d : description) {
                t.append(".PP\n").append(text(d)).append('\n');
            }
        }

        if (top) {
            t.append(".SH COMMANDS\n");
            for (CommandLine sub : cmd.getSubcommands().values()) {
                t.append(".TP\n\\fB").append(esc(sub.getCommandName())).append("\\fR\n")
                        .append(text(summary(sub.getCommandSpec()))).append(" See \\fB")
                        .append(esc("mynn-" + sub.getCommandName())).append("\\fR(1).\n");
            }
        }

        List<PositionalParamSpec> positionals = spec.positionalParameters();
        if (!positionals.isEmpty()) {
            t.append(".SH ARGUMENTS\n");
            for (PositionalParamSpec p : positionals) {
                t.append(".TP\n\\fI").append(esc(p.paramLabel())).append("\\fR\n")
                        .append(text(String.join(" ", p.description()))).append('\n');
            }
        }

        List<OptionSpec> options = spec.options();
        if (!options.isEmpty()) {
            t.append(".SH OPTIONS\n");
            for (OptionSpec o : options) {
                if (o.hidden()) {
                    continue;
                }
                StringBuilder names = new StringBuilder();
                for (String n : o.names()) {
                    if (names.length() > 0) {
                        names.append(", ");
                    }
                    names.append("\\fB").append(esc(n)).append("\\fR");
                }
                if (o.typeInfo().isBoolean() && o.arity().max() == 0 || o.arity().max() == 0) {
                    t.append(".TP\n").append(names).append('\n');
                } else {
                    t.append(".TP\n").append(names).append("=\\fI").append(esc(o.paramLabel())).append("\\fR\n");
                }
                t.append(text(String.join(" ", o.description()))).append('\n');
            }
        }

        List<String> footer = new ArrayList<>(List.of(spec.usageMessage().footer()));
        while (!footer.isEmpty() && footer.get(0).isBlank()) {
            footer.remove(0);
        }
        if (!footer.isEmpty()) {
            t.append(".SH NOTES\n.nf\n").append(lines(String.join("\n", footer))).append(".fi\n");
        }

        t.append(".SH SEE ALSO\n");
        if (top) {
            t.append("The guides in the docs folder of mynn's sources; \\fBmynn COMMAND \\-\\-help\\fR.\n");
        } else {
            t.append("\\fBmynn\\fR(1)\n");
        }
        return t.toString();
    }

    /** @return the command's one-line summary: its header, else the first sentence of its description */
    private static String summary(CommandSpec spec) {
        String[] header = spec.usageMessage().header();
        if (header.length > 0 && !header[0].isBlank()) {
            return header[0].strip();
        }
        String[] d = spec.usageMessage().description();
        String first = d.length == 0 ? "" : d[0].strip();
        int dot = first.indexOf(". ");
        return dot < 0 ? first : first.substring(0, dot + 1);
    }

    /** A paragraph: escaped; picocli's %n line breaks become troff line breaks. */
    private static String text(String s) {
        String x = s.replace("%n", "\n").replace("%%", "%");
        StringBuilder out = new StringBuilder();
        for (String line : x.split("\n", -1)) {
            if (out.length() > 0) {
                out.append("\n.br\n");
            }
            out.append(guard(esc(line.strip())));
        }
        return out.toString();
    }

    /** Lines shown as they are (inside .nf/.fi), each escaped. */
    private static String lines(String s) {
        StringBuilder out = new StringBuilder();
        for (String line : s.replace("%n", "\n").replace("%%", "%").split("\n", -1)) {
            out.append(guard(esc(line.stripTrailing()))).append('\n');
        }
        return out.toString();
    }

    /** Escapes troff's backslash and hyphen. */
    static String esc(String s) {
        return s.replace("\\", "\\e").replace("-", "\\-");
    }

    /** A line starting with a dot or an apostrophe would be read as a request: \& in front keeps it text. */
    private static String guard(String line) {
        return line.startsWith(".") || line.startsWith("'") ? "\\&" + line : line;
    }
}
