package org.mynn.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TerminalRendererTest {

    final TerminalRenderer terminal = new BlockTerminalRenderer();

    @Test
    void plain_is28ColumnsOfShades_fullInkForTheMaximum() {
        double[] v = new double[784];
        v[14 * 28 + 3] = 255;
        v[14 * 28 + 4] = 128;
        String s = terminal.render(v, 28, 28, false);
        String[] lines = s.split("\n");
        assertThat(lines).hasSize(28);
        assertThat(lines).allMatch(l -> l.length() == 28);
        assertThat(lines[14].charAt(3)).isEqualTo('\u2588');
        assertThat(lines[14].charAt(4)).isEqualTo('\u2592');
        assertThat(lines[0]).isBlank();
    }

    @Test
    void ansi_usesHalfBlocks_twoPixelsPerCharacter() {
        double[] v = new double[784];
        v[0] = 1;
        String s = terminal.render(v, 28, 28, true);
        String[] lines = s.split("\n");
        assertThat(lines).hasSize(14);
        assertThat(lines[0]).startsWith("\u001b[38;5;231;48;5;16m\u2580").endsWith("\u001b[0m");
        assertThat(lines[0].chars().filter(c -> c == '\u2580').count()).isEqualTo(28);
    }
}
