package org.mynn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mynn.core.MynnException;
import org.mynn.core.model.Provenance;
import org.mynn.data.fetch.DataCache;
import org.mynn.data.fetch.Fetcher;
import org.mynn.data.fetch.ProgressListener;

/** A dataset says where it came from (files with their SHA-256, augmentation), and loads again from that. */
class DataReferenceTest {

    @TempDir
    Path dir;

    final Datasets datasets = new Datasets(new DatasetCatalog(List.of()), new Fetcher(new DataCache(Path.of("unused")),
            ProgressListener.NONE, Fetcher.Settings.DEFAULT));

    static String sha256(Path p) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }

    @Test
    void csvAndIdx_referToTheirFilesBySha256_asStored() throws Exception {
        Dataset data = Samples.random(5, 1);
        Path csv = dir.resolve("d.csv");
        CsvWriter.write(data, csv);
        Provenance.DataReference r = Datasets.fromFiles(csv, null, Dataset.numberedClasses(10)).reference();
        assertThat(r.files()).containsExactly(new Provenance.DataFile(csv.toAbsolutePath().toString(), sha256(csv)));
        assertThat(r.size()).isEqualTo(5);
        assertThat(r.classes()).isEqualTo(10);

        Path images = Samples.write(dir, "images.gz", Samples.gzip(Samples.idx(IdxReader.IMAGES_MAGIC, new int[] {2, 2, 2},
                new byte[] {1, 2, 3, 4, 5, 6, 7, 8})));
        Path labels = Samples.write(dir, "labels", Samples.idx(IdxReader.LABELS_MAGIC, new int[] {2}, new byte[] {3, 4}));
        Provenance.DataReference idx = Datasets.fromFiles(images, labels, Dataset.numberedClasses(10)).reference();
        assertThat(idx.files()).containsExactly(new Provenance.DataFile(images.toAbsolutePath().toString(), sha256(images)),
                new Provenance.DataFile(labels.toAbsolutePath().toString(), sha256(labels)));
    }

    @Test
    void reload_givesTheSameSamples_augmentedAsBefore_andRefusesAChangedFile() throws Exception {
        Path csv = dir.resolve("d.csv");
        CsvWriter.write(Samples.random(4, 2), csv);
        Dataset rotated = (Dataset) Augment.builtIn().apply(Datasets.fromFiles(csv, null, Dataset.numberedClasses(10)),
                "rotate:10", 0);
        Provenance.DataReference r = rotated.reference();
        assertThat(r.augment()).isEqualTo("rotate:10");
        assertThat(r.size()).isEqualTo(12);
        Dataset again = (Dataset) datasets.reload(r, "ckpt.json");
        assertThat(again.size()).isEqualTo(12);
        for (int i = 0; i < 12; i++) {
            assertThat(again.image(i)).isEqualTo(rotated.image(i));
        }
        CsvWriter.write(Samples.random(4, 3), csv);
        assertThatThrownBy(() -> datasets.reload(r, "ckpt.json")).isInstanceOf(MynnException.class)
                .hasMessageStartingWith("ckpt.json: " + csv.toAbsolutePath() + " has changed since (SHA-256 ")
                .hasMessageEndingWith("), so the run cannot continue exactly");
        Files.delete(csv);
        assertThatThrownBy(() -> datasets.reload(r, "ckpt.json")).hasMessage(csv.toAbsolutePath() + ": no such file");
    }
}
