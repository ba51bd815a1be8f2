package org.dshell.shell;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.dshell.core.TransferProgress;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;

class TerminalProgressTest {

    @Test
    void drawsTaskBytesAndFilesThenClearsItsLine() throws Exception {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        try (DumbTerminal terminal = new DumbTerminal(new ByteArrayInputStream(new byte[0]), screen)) {
            try (TransferProgress progress = new TerminalProgress(terminal, "put", 3, 3L << 20)) {
                progress.advance(0, 1 << 20);
                progress.advance(1, 0);
                Thread.sleep(400);
            }
        }
        String shown = screen.toString(StandardCharsets.UTF_8);
        assertTrue(shown.contains("put"), shown);
        assertTrue(shown.contains("1/3 files"), shown);
        assertTrue(shown.contains("MiB"), shown);
        assertTrue(shown.endsWith("\r"), shown);
    }
}
