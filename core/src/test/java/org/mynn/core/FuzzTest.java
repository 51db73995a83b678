package org.mynn.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The fuzzer itself catches what it is there to catch: a stray exception and a hang. */
// waits on the fuzzer's thread, with a case that hangs on purpose; about 10 s on a quiet machine
@Timeout(value = 300, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FuzzTest {

    @Test
    void strayExceptionAndHang_areReportedAsFailures_withTheirInputsKept(@TempDir Path dir) throws Exception {
        byte[] seed = "0123456789".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Fuzz.Report r = Fuzz.run("buggy", List.of(seed), 200, 5, 200, dir, (bytes, file) -> {
            if (bytes.length < 5) {
                throw new ArrayIndexOutOfBoundsException(7);
            }
            if (bytes.length > 14) {
                new CountDownLatch(1).await(); // hangs until the harness gives up on it and interrupts it
            }
            if (bytes[0] != '0') {
                throw new MynnException("refused");
            }
            return bytes.length;
        });
        assertThat(r.failures()).anyMatch(f -> f.contains("ArrayIndexOutOfBoundsException"));
        assertThat(r.failures()).anyMatch(f -> f.contains("ran longer than 200 ms"));
        assertThat(r.refused()).isPositive();
        assertThat(r.valid()).isPositive();
        assertThat(dir.toFile().list()).anyMatch(n -> n.startsWith("failure-buggy-"));
    }
}
