package org.mynn.data.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mynn.core.MynnException;
import org.mynn.data.Dataset;
import org.mynn.data.IdxReader;
import org.mynn.data.Samples;

/** Fetching against a real HTTP server on 127.0.0.1. */
// downloads from a local HTTP server; about 5 s on a quiet machine
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FetcherTest {

    @TempDir
    Path cacheRoot;

    HttpServer server;
    final Map<String, byte[]> served = new ConcurrentHashMap<>();
    final Map<String, Integer> cutAfter = new ConcurrentHashMap<>();
    final AtomicInteger requests = new AtomicInteger();

    byte[] images;
    byte[] labels;
    RemoteFile imagesFile;
    RemoteFile labelsFile;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = served.get(exchange.getRequestURI().getPath());
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            Integer cut = cutAfter.get(exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body, 0, cut == null ? body.length : cut);
            } catch (IOException ignored) {
                // the client may hang up on a cut transfer
            }
        });
        server.start();
        images = Samples.idx(IdxReader.IMAGES_MAGIC, new int[] {2, 2, 2}, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        labels = Samples.idx(IdxReader.LABELS_MAGIC, new int[] {2}, new byte[] {3, 4});
        imagesFile = new RemoteFile("tiny-images", sha256(images), images.length);
        labelsFile = new RemoteFile("tiny-labels", sha256(labels), labels.length);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    URI mirror(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    DatasetDescriptor tiny(List<URI> mirrors, List<FetchSource> fallbacks) {
        return new DatasetDescriptor("tiny", "test", Dataset.numberedClasses(10), imagesFile, labelsFile, imagesFile,
                labelsFile, mirrors, fallbacks);
    }

    Fetcher fetcher() {
        return new Fetcher(new DataCache(cacheRoot), ProgressListener.NONE, new Fetcher.Settings(null, Duration.ofSeconds(2)));
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void success_gzipFromMirror_isDecompressedVerifiedAndNeverDownloadedAgain() throws Exception {
        served.put("/m/tiny-images.gz", Samples.gzip(images));
        served.put("/m/tiny-labels.gz", Samples.gzip(labels));
        DatasetDescriptor d = tiny(List.of(mirror("/m/")), List.of());
        List<Path> paths = fetcher().ensure(d, d.files(true));
        assertThat(Files.readAllBytes(paths.get(0))).isEqualTo(images);
        assertThat(Files.readAllBytes(paths.get(1))).isEqualTo(labels);
        assertThat(requests.get()).isEqualTo(2);
        fetcher().ensure(d, d.files(true));
        assertThat(requests.get()).isEqualTo(2);
        try (var files = Files.list(cacheRoot.resolve("tiny"))) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("tiny-images", "tiny-images.sha256", "tiny-labels", "tiny-labels.sha256");
        }
    }

    @Test
    void wrongChecksum_isRejected_andNothingIsLeftBehind() throws Exception {
        byte[] tampered = images.clone();
        tampered[tampered.length - 1] = 99;
        served.put("/m/tiny-images.gz", Samples.gzip(tampered));
        DatasetDescriptor d = tiny(List.of(mirror("/m/")), List.of());
        assertThatThrownBy(() -> fetcher().ensure(d, List.of(imagesFile))).isInstanceOf(MynnException.class)
                .hasMessageContaining(mirror("/m/") + ": SHA-256 mismatch: expected " + imagesFile.sha256());
        try (var files = Files.list(cacheRoot.resolve("tiny"))) {
            assertThat(files.toList()).isEmpty();
        }
    }

    @Test
    void truncatedTransfer_isRejected_andTheNextSourceIsTried() throws Exception {
        served.put("/cut/tiny-images.gz", Samples.gzip(images));
        cutAfter.put("/cut/tiny-images.gz", 10);
        served.put("/good/tiny-images.gz", Samples.gzip(images));
        DatasetDescriptor d = tiny(List.of(mirror("/cut/"), mirror("/good/")), List.of());
        assertThat(Files.readAllBytes(fetcher().ensure(d, List.of(imagesFile)).get(0))).isEqualTo(images);

        DatasetDescriptor onlyCut = tiny(List.of(mirror("/cut/")), List.of());
        Fetcher f = new Fetcher(new DataCache(cacheRoot.resolve("other")), ProgressListener.NONE,
                new Fetcher.Settings(null, Duration.ofSeconds(2)));
        assertThatThrownBy(() -> f.ensure(onlyCut, List.of(imagesFile))).isInstanceOf(MynnException.class)
                .hasMessageContaining(mirror("/cut/") + ": ");
        try (var files = Files.list(cacheRoot.resolve("other/tiny"))) {
            assertThat(files.toList()).isEmpty();
        }
    }

    @Test
    void notFound_fallsThroughToTheNextSource_inOrder() throws Exception {
        served.put("/second/tiny-labels.gz", Samples.gzip(labels));
        DatasetDescriptor d = tiny(List.of(mirror("/first/"), mirror("/second/")), List.of());
        assertThat(Files.readAllBytes(fetcher().ensure(d, List.of(labelsFile)).get(0))).isEqualTo(labels);
        assertThat(requests.get()).isEqualTo(2);
    }

    @Test
    void everySourceFails_listsEachWithItsReason_andSaysHowToPlaceFilesByHand() {
        DatasetDescriptor d = tiny(List.of(mirror("/none/"), URI.create("http://no-such-host.invalid/x/")),
                List.of(new LocalFolderSource(cacheRoot.resolve("absent"), "a folder that is not there")));
        assertThatThrownBy(() -> fetcher().ensure(d, List.of(imagesFile))).isInstanceOf(MynnException.class)
                .hasMessage("could not fetch tiny-images of dataset 'tiny'; tried:\n"
                        + "  - files already in " + cacheRoot.resolve("tiny") + ": no tiny-images(.gz) in " + cacheRoot.resolve("tiny") + "\n"
                        + "  - " + mirror("/none/") + ": HTTP 404 for " + mirror("/none/tiny-images.gz") + "\n"
                        + "  - http://no-such-host.invalid/x/: host not found: no-such-host.invalid\n"
                        + "  - a folder that is not there: " + cacheRoot.resolve("absent") + " does not exist\n"
                        + "To place the files by hand, put tiny-images, tiny-labels, tiny-images, tiny-labels (raw or .gz) into "
                        + cacheRoot.resolve("tiny") + "; mynn checks their SHA-256.");
    }

    @Test
    void filesPlacedByHand_gzipOrRaw_areVerifiedWithoutNetwork() throws Exception {
        Path dir = Files.createDirectories(cacheRoot.resolve("tiny"));
        Files.write(dir.resolve("tiny-images.gz"), Samples.gzip(images));
        Files.write(dir.resolve("tiny-labels"), labels);
        DatasetDescriptor d = tiny(List.of(mirror("/m/")), List.of());
        List<Path> paths = fetcher().ensure(d, d.files(true));
        assertThat(Files.readAllBytes(paths.get(0))).isEqualTo(images);
        assertThat(Files.readAllBytes(paths.get(1))).isEqualTo(labels);
        assertThat(requests.get()).isZero();
    }

    @Test
    void fileChangedAfterVerification_isVerifiedAgain() throws Exception {
        served.put("/m/tiny-labels.gz", Samples.gzip(labels));
        DatasetDescriptor d = tiny(List.of(mirror("/m/")), List.of());
        Path p = fetcher().ensure(d, List.of(labelsFile)).get(0);
        Files.write(p, new byte[] {1, 2, 3});
        assertThat(new DataCache(cacheRoot).isVerified(d, labelsFile)).isFalse();
        assertThat(Files.readAllBytes(fetcher().ensure(d, List.of(labelsFile)).get(0))).isEqualTo(labels);
    }

    @Test
    void localFolderFallback_likeTheDebianPackage_isUsed() throws Exception {
        Path debian = Files.createDirectories(cacheRoot.resolve("usr-share"));
        Files.write(debian.resolve("tiny-images.gz"), Samples.gzip(images));
        DatasetDescriptor d = tiny(List.of(), List.of(new LocalFolderSource(debian, "debian folder")));
        assertThat(Files.readAllBytes(fetcher().ensure(d, List.of(imagesFile)).get(0))).isEqualTo(images);
    }

    @Test
    void progress_hearsTheDownload() throws Exception {
        served.put("/m/tiny-images.gz", Samples.gzip(images));
        AtomicInteger bytes = new AtomicInteger();
        ProgressListener p = new ProgressListener() {
            @Override
            public void advanced(long n) {
                bytes.addAndGet((int) n);
            }
        };
        new Fetcher(new DataCache(cacheRoot), p, Fetcher.Settings.DEFAULT)
                .ensure(tiny(List.of(mirror("/m/")), List.of()), List.of(imagesFile));
        assertThat(bytes.get()).isEqualTo(Samples.gzip(images).length);
    }
}
