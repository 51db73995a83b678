package org.mynn.core.io;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.activation.ActivationRegistry;

/**
 * Run in a child JVM by {@link KilledDuringSaveTest}: saves two different models over one file, forever, printing
 * {@code saved N} after each save. Given a save number and a byte offset, that save stops after writing so many
 * bytes, prints {@code stalled}, and waits to be killed: the file is then surely half-written.
 */
public final class SaveLoop {

    private SaveLoop() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        long stallSave = args.length > 1 ? Long.parseLong(args[1]) : -1;
        long stallAt = args.length > 2 ? Long.parseLong(args[2]) : -1;
        ModelJson json = new ModelJson(ActivationRegistry.load());
        NeuralNetwork a = NeuralNetwork.builder(784, 200, 10).seed(1).build();
        NeuralNetwork b = NeuralNetwork.builder(784, 200, 10).seed(2).build();
        for (long i = 0; ; i++) {
            NeuralNetwork net = i % 2 == 0 ? a : b;
            if (i == stallSave) {
                AtomicFiles.write(file, out -> json.write(net, new Stalling(out, stallAt)));
            } else {
                json.save(net, file);
            }
            System.out.println("saved " + i);
            System.out.flush();
        }
    }

    /** Passes bytes on until {@code at} of them are written, then says so and waits for the end. */
    private static final class Stalling extends FilterOutputStream {
        private final long at;
        private long written;

        Stalling(OutputStream out, long at) {
            super(out);
            this.at = at;
        }

        @Override
        public void write(int b) throws IOException {
            if (written++ == at) {
                out.flush();
                System.out.println("stalled");
                System.out.flush();
                while (true) {
                    System.in.read(); // the parent never writes: this waits until the JVM is killed
                }
            }
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            for (int i = 0; i < len; i++) {
                write(b[off + i]);
            }
        }
    }
}
