package org.mynn.cli.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mynn.core.kernel.Kernels;
import org.mynn.core.model.Provenance.Platform;

/**
 * What {@code reproduce} names as having changed between the platform a model was trained on and this one: with the
 * one order of sums recorded, kernels and vector width change no bit, so they are not offered as a reason; files made
 * before it was recorded did depend on them.
 */
class PlatformChangesTest {

    static final Platform NOW = new Platform("0.1.0", "17.0.15", "Linux", "amd64", "vector", 512, Kernels.SUMS);

    @Test
    void withTheOrderOfSumsRecorded_kernelsAndWidthAreNoReason() {
        Platform narrow = new Platform("0.1.0", "17.0.15", "Linux", "amd64", "vector", 256, Kernels.SUMS);
        Platform scalar = new Platform("0.1.0", "17.0.15", "Linux", "amd64", "scalar", 0, Kernels.SUMS);
        assertThat(Reproduction.platformChanges(narrow, NOW)).isEmpty();
        assertThat(Reproduction.platformChanges(scalar, NOW)).isEmpty();
        Platform otherJava = new Platform("0.1.0", "21.0.5", "Linux", "aarch64", "vector", 128, Kernels.SUMS);
        assertThat(Reproduction.platformChanges(otherJava, NOW)).containsExactly("Java 21.0.5 then, 17.0.15 now",
                "processor architecture aarch64 then, amd64 now");
    }

    @Test
    void aFileFromBeforeTheOrderOfSums_namesItsKernelsAndWidth() {
        Platform old = new Platform("0.1.0", "17.0.15", "Linux", "amd64", "vector", 256);
        assertThat(Reproduction.platformChanges(old, NOW)).containsExactly("vector width (bits) 256 then, 512 now",
                "order of sums (none recorded: each vector width its own) then, " + Kernels.SUMS + " now");
        Platform sameWidth = new Platform("0.1.0", "17.0.15", "Linux", "amd64", "vector", 512);
        assertThat(Reproduction.platformChanges(sameWidth, NOW)).containsExactly(
                "order of sums (none recorded: each vector width its own) then, " + Kernels.SUMS + " now");
    }
}
