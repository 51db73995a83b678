package org.mynn.cli;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.OptionalBinder;
import org.mynn.cli.terminal.ProgressBar;
import org.mynn.cli.terminal.Terminal;
import org.mynn.data.fetch.ProgressListener;

/**
 * The command line's Guice bindings: the {@link Terminal} it writes to, and a progress bar on it as the data
 * module's download {@link ProgressListener}.
 */
public final class CliModule extends AbstractModule {

    private final Terminal terminal;

    public CliModule(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    protected void configure() {
        bind(Terminal.class).toInstance(terminal);
        OptionalBinder.newOptionalBinder(binder(), ProgressListener.class).setBinding()
                .toInstance(new ProgressBar(terminal, false));
    }
}
