package org.mynn.data;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;
import java.nio.file.Path;
import org.mynn.data.fetch.DataCache;
import org.mynn.data.fetch.DatasetDescriptor;
import org.mynn.data.fetch.Fetcher;
import org.mynn.data.fetch.ProgressListener;

/**
 * The data module's Guice bindings; install {@link org.mynn.core.inject.CoreModule} beside it, whose plugin registries
 * {@link Augment} uses.
 *
 * <ul>
 *   <li>{@code Set<DatasetDescriptor>}: a {@link Multibinder} with {@code mnist} and {@code fashion-mnist}; bind
 *       another descriptor to add a dataset.</li>
 *   <li>{@link ProgressListener}: an {@link OptionalBinder}, by default silent; the command line sets a bar.</li>
 *   <li>{@link DataCache} (the folder given, by default {@code $MYNN_DATA} or {@code ~/.cache/mynn}),
 *       {@link Fetcher.Settings}, {@link Fetcher}, {@link DatasetCatalog}, {@link Datasets},
 *       {@link PictureReader}, {@link Augment}: singletons; {@link DatasetSource} to {@link Datasets}.</li>
 * </ul>
 */
public final class DataModule extends AbstractModule {

    private final Path dataDir;
    private final Fetcher.Settings settings;

    /** Caches in {@code $MYNN_DATA}, else {@code ~/.cache/mynn}; the datasets' own mirrors. */
    public DataModule() {
        this(DataCache.resolveRoot(null), Fetcher.Settings.DEFAULT);
    }

    public DataModule(Path dataDir, Fetcher.Settings settings) {
        this.dataDir = dataDir;
        this.settings = settings;
    }

    @Override
    protected void configure() {
        Multibinder<DatasetDescriptor> datasets = Multibinder.newSetBinder(binder(), DatasetDescriptor.class);
        datasets.addBinding().toInstance(BuiltInDatasets.MNIST);
        datasets.addBinding().toInstance(BuiltInDatasets.FASHION_MNIST);
        OptionalBinder.newOptionalBinder(binder(), ProgressListener.class).setDefault().toInstance(ProgressListener.NONE);
        bind(DataCache.class).toInstance(new DataCache(dataDir));
        bind(Fetcher.Settings.class).toInstance(settings);
        bind(Fetcher.class).in(Singleton.class);
        bind(DatasetCatalog.class).in(Singleton.class);
        bind(Datasets.class).in(Singleton.class);
        bind(DatasetSource.class).to(Datasets.class);
        bind(PictureReader.class).in(Singleton.class);
        bind(Augment.class).in(Singleton.class);
    }
}
