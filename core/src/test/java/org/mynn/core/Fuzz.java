package org.mynn.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A small mutation fuzzer for mynn's readers, run by JUnit with a fixed number of cases and a fixed seed: each case
 * takes a real file, mutates it (flipped bits, interesting bytes and header integers, inserted, deleted, repeated
 * or truncated ranges, spliced text tokens) and gives it to a reader. The only acceptable outcomes are a result
 * or a {@link MynnException}; any other exception, an error such as {@code OutOfMemoryError}, or a case running
 * longer than its time limit is a failure, kept with the input that caused it.
 */
public final class Fuzz {

    /** What the fuzzer tests: reads the bytes (written to {@code file}), returns a result or throws. */
    @FunctionalInterface
    public interface Target {
        Object read(byte[] bytes, Path file) throws Exception;
    }

    /** The tally of a run. */
    public record Report(String name, int cases, int valid, int refused, List<String> failures) {
        @Override
        public String toString() {
            return String.format("fuzz %s: %d cases, %d read, %d refused with MynnException, %d failures%s", name, cases,
                    valid, refused, failures.size(), failures.isEmpty() ? "" : ": " + failures);
        }
    }

    private static final byte[] INTERESTING_BYTES = {0, -1, 0x7f, (byte) 0x80, 1, '0', '9', ',', '\n', '\r', '{', '}',
        '[', ']', '"', '-', '.', 'e', ' ', (byte) 0xEF};
    private static final int[] INTERESTING_INTS = {0, 1, -1, 2, 28, 255, 256, 784, 60000, 0x801, 0x803, 0x7fffffff,
        0x80000000, 0x10000000, 0x00ffffff};
    private static final String[] TOKENS = {"NaN", "1e999", "-1e999", "null", "[]", "{}", "\"x\"", "0", "-1", "1e-400",
        ",", "[[", "]]", "\"format\"", "\"version\": 2", "\"layers\": [1]", "true", "9999999999999999999999"};

    private Fuzz() {
    }

    /**
     * Runs {@code cases} mutated inputs made from {@code seeds} through {@code target}.
     *
     * @param dir        where inputs are written (one file, reused) and failing inputs kept
     * @param seed       makes the run repeatable
     * @param timeLimitMs per case
     */
    public static Report run(String name, List<byte[]> seeds, int cases, long seed, long timeLimitMs, Path dir, Target target)
            throws IOException, InterruptedException {
        Random random = new Random(seed);
        ExecutorService pool = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-" + name);
            t.setDaemon(true);
            return t;
        });
        int valid = 0;
        int refused = 0;
        List<String> failures = new ArrayList<>();
        Path file = dir.resolve("input-" + name.replaceAll("[^a-z0-9]+", "-"));
        try {
            for (int c = 0; c < cases; c++) {
                byte[] input = mutate(seeds.get(random.nextInt(seeds.size())), random);
                Files.write(file, input);
                Future<Object> f = pool.submit(() -> target.read(input, file));
                try {
                    f.get(timeLimitMs, TimeUnit.MILLISECONDS);
                    valid++;
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof MynnException) {
                        refused++;
                    } else {
                        failures.add(keep(dir, name, c, input, e.getCause().toString()));
                    }
                } catch (TimeoutException e) {
                    f.cancel(true);
                    failures.add(keep(dir, name, c, input, "ran longer than " + timeLimitMs + " ms"));
                    pool.shutdownNow();
                    pool = Executors.newSingleThreadExecutor();
                }
            }
        } finally {
            pool.shutdownNow();
            Files.deleteIfExists(file);
        }
        return new Report(name, cases, valid, refused, failures);
    }

    private static String keep(Path dir, String name, int c, byte[] input, String what) throws IOException {
        Path kept = dir.resolve("failure-" + name.replaceAll("[^a-z0-9]+", "-") + "-" + c);
        Files.write(kept, input);
        return "case " + c + " (" + kept + "): " + what;
    }

    /** @return {@code seed} changed by one to four random mutations */
    public static byte[] mutate(byte[] seed, Random r) {
        byte[] b = seed.clone();
        int n = 1 + r.nextInt(4);
        for (int i = 0; i < n; i++) {
            b = mutateOnce(b, r);
        }
        return b;
    }

    private static byte[] mutateOnce(byte[] b, Random r) {
        if (b.length == 0) {
            return new byte[] {INTERESTING_BYTES[r.nextInt(INTERESTING_BYTES.length)]};
        }
        int at = r.nextInt(b.length);
        switch (r.nextInt(9)) {
            case 0: {
                byte[] c = b.clone();
                c[at] ^= (byte) (1 << r.nextInt(8));
                return c;
            }
            case 1: {
                byte[] c = b.clone();
                c[at] = INTERESTING_BYTES[r.nextInt(INTERESTING_BYTES.length)];
                return c;
            }
            case 2: {
                byte[] c = b.clone();
                int pos = Math.min(at, Math.max(0, Math.min(c.length - 4, r.nextInt(17))));
                if (c.length >= 4) {
                    int v = INTERESTING_INTS[r.nextInt(INTERESTING_INTS.length)];
                    c[pos] = (byte) (v >>> 24);
                    c[pos + 1] = (byte) (v >>> 16);
                    c[pos + 2] = (byte) (v >>> 8);
                    c[pos + 3] = (byte) v;
                }
                return c;
            }
            case 3:
                return Arrays.copyOf(b, at);
            case 4: {
                int len = Math.min(b.length - at, 1 + r.nextInt(64));
                byte[] c = new byte[b.length - len];
                System.arraycopy(b, 0, c, 0, at);
                System.arraycopy(b, at + len, c, at, b.length - at - len);
                return c;
            }
            case 5: {
                byte[] ins = new byte[1 + r.nextInt(16)];
                r.nextBytes(ins);
                return splice(b, at, ins);
            }
            case 6: {
                int len = Math.min(b.length - at, 1 + r.nextInt(256));
                return splice(b, at, Arrays.copyOfRange(b, at, at + len));
            }
            case 7:
                return splice(b, at, TOKENS[r.nextInt(TOKENS.length)].getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            default: {
                byte[] c = b.clone();
                int len = Math.min(c.length - at, 1 + r.nextInt(8));
                for (int i = 0; i < len; i++) {
                    c[at + i] = (byte) r.nextInt(256);
                }
                return c;
            }
        }
    }

    private static byte[] splice(byte[] b, int at, byte[] ins) {
        byte[] c = new byte[b.length + ins.length];
        System.arraycopy(b, 0, c, 0, at);
        System.arraycopy(ins, 0, c, at, ins.length);
        System.arraycopy(b, at, c, at + ins.length, b.length - at);
        return c;
    }
}
