package org.mynn.cli.terminal;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Where the command line writes: results to {@link #out()}, progress and errors to {@link #err()}. Progress bars
 * and colour only when a person is watching a terminal.
 */
public final class Terminal {

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean interactive;
    private final boolean ansi;

    public Terminal(PrintWriter out, PrintWriter err, boolean interactive, boolean ansi) {
        this.out = out;
        this.err = err;
        this.interactive = interactive;
        this.ansi = ansi;
    }

    /** The process's own standard output and error, UTF-8. */
    public static Terminal system() {
        boolean tty = System.console() != null;
        String term = System.getenv("TERM");
        boolean colour = tty && System.getenv("NO_COLOR") == null && term != null && !term.equals("dumb");
        return new Terminal(stream(FileDescriptor.out), stream(FileDescriptor.err), tty, colour);
    }

    /** Writers that are not a terminal: no progress bars, no colour (as in tests and pipes). */
    public static Terminal of(PrintWriter out, PrintWriter err) {
        return new Terminal(out, err, false, false);
    }

    private static PrintWriter stream(FileDescriptor fd) {
        return new PrintWriter(new OutputStreamWriter(new FileOutputStream(fd), StandardCharsets.UTF_8), true);
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }

    /** @return true when a person watches: progress bars are drawn */
    public boolean interactive() {
        return interactive;
    }

    /** @return true when colour escape codes may be used */
    public boolean ansi() {
        return ansi;
    }
}
