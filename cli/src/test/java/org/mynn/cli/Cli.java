package org.mynn.cli;

import com.google.inject.Module;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.mynn.cli.terminal.Terminal;

/** Runs the real {@code main} logic in-process and keeps what it printed. */
final class Cli {

    /** What one command line did. */
    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    private Cli() {
    }

    static Result run(Module override, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Terminal t = Terminal.of(new PrintWriter(out, true), new PrintWriter(err, true));
        int code = override == null ? Main.run(args, t) : Main.run(args, t, override);
        return new Result(code, out.toString(), err.toString());
    }

    static Result run(String... args) {
        return run(null, args);
    }
}
