package org.mynn.cli;

import com.google.inject.Injector;
import picocli.CommandLine;

/**
 * picocli's factory backed by the injector: mynn's own commands and option classes come from Guice (so their
 * {@code @Inject} constructors get services), everything else from picocli's default factory.
 */
final class GuiceFactory implements CommandLine.IFactory {

    private final Injector injector;

    GuiceFactory(Injector injector) {
        this.injector = injector;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
        if (cls.getPackageName().equals(GuiceFactory.class.getPackageName())) {
            return injector.getInstance(cls);
        }
        return CommandLine.defaultFactory().create(cls);
    }
}
