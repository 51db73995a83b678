package org.mynn.cli.option;

import picocli.CommandLine.Option;

/** {@code --json}: a command prints its results as one JSON document for programs, instead of lines for people. */
public final class JsonOption {

    @Option(names = "--json", description = "print the results as JSON, for programs (docs/command-line.md shows the fields)")
    boolean json;

    /** @return whether the results are to be printed as JSON */
    public boolean on() {
        return json;
    }
}
