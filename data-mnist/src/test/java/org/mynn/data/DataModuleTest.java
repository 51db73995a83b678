package org.mynn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.multibindings.Multibinder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mynn.core.MynnException;
import org.mynn.data.fetch.DatasetDescriptor;
import org.mynn.data.fetch.Fetcher;
import org.mynn.data.fetch.RemoteFile;

class DataModuleTest {

    @Test
    void injector_knowsBothDatasets_andCachesWhereTold(@TempDir Path dir) {
        Injector injector = Guice.createInjector(new org.mynn.core.inject.CoreModule(), new DataModule(dir, Fetcher.Settings.DEFAULT));
        DatasetSource ds = injector.getInstance(DatasetSource.class);
        assertThat(ds.names()).containsExactly("fashion-mnist", "mnist");
        assertThat(ds.dataDir()).isEqualTo(dir.toAbsolutePath());
        assertThatThrownBy(() -> ds.load("cifar", Split.TRAIN)).isInstanceOf(MynnException.class)
                .hasMessage("unknown dataset 'cifar'; known: fashion-mnist, mnist (or give the files themselves)");
    }

    @Test
    void anotherDataset_isAddedByBindingADescriptor(@TempDir Path dir) {
        RemoteFile f = new RemoteFile("x", "00", 1);
        DatasetDescriptor kmnist = new DatasetDescriptor("kmnist", "Kuzushiji", Dataset.numberedClasses(10), f, f, f, f,
                List.of(), List.of());
        Injector injector = Guice.createInjector(new org.mynn.core.inject.CoreModule(), new DataModule(dir, Fetcher.Settings.DEFAULT), new AbstractModule() {
            @Override
            protected void configure() {
                Multibinder.newSetBinder(binder(), DatasetDescriptor.class).addBinding().toInstance(kmnist);
            }
        });
        assertThat(injector.getInstance(DatasetCatalog.class).names()).containsExactly("fashion-mnist", "kmnist", "mnist");
    }
}
