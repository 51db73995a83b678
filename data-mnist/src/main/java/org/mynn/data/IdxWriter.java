package org.mynn.data;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.mynn.core.io.AtomicFiles;

/** Writes a dataset as an IDX image file and an IDX label file (optionally gzip-compressed), atomically. */
public final class IdxWriter {

    private IdxWriter() {
    }

    /** Writes {@code data}'s images to {@code images} and its labels to {@code labels}. */
    public static void write(Dataset data, Path images, Path labels, boolean gzip) {
        AtomicFiles.write(images, out -> writeIdx(out, gzip, d -> {
            d.writeInt(IdxReader.IMAGES_MAGIC);
            d.writeInt(data.size());
            d.writeInt(data.rows());
            d.writeInt(data.cols());
            d.write(data.pixelArray());
        }));
        AtomicFiles.write(labels, out -> writeIdx(out, gzip, d -> {
            d.writeInt(IdxReader.LABELS_MAGIC);
            d.writeInt(data.size());
            for (int i = 0; i < data.size(); i++) {
                d.writeByte(data.label(i));
            }
        }));
    }

    private interface Body {
        void write(DataOutputStream d) throws IOException;
    }

    private static void writeIdx(OutputStream out, boolean gzip, Body body) throws IOException {
        GZIPOutputStream z = gzip ? new GZIPOutputStream(out, DataFiles.BUFFER) : null;
        DataOutputStream d = new DataOutputStream(z != null ? z : out);
        body.write(d);
        d.flush();
        if (z != null) {
            z.finish();
        }
    }
}
