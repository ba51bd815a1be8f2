package org.dshell.script.groovy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which script files get the background warm-up of Groovy's string forms. */
class ScriptWarmUpTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "println ls('/')|true",
        "System.out.printf('%d', 1)|true",
        "def s = \"n=${1}\"|true",
        "out << String.format('%s', [1])|true",
        "parallel(files, threads: 8) { put(it, args[1]) }|false",
        "mkdir('-p', args[1]); exit(0)|false",
    })
    void onlyScriptsThatPrintOrFormatValues(String source, boolean warm) throws Exception {
        Path file = Files.writeString(tmp.resolve("s.groovy"), source);
        assertEquals(warm, GroovyEngine.mayPrintValues(file));
    }

    @ParameterizedTest(name = "unreadable -> warm")
    @CsvSource("missing.groovy")
    void anUnreadableFileIsWarmedForAnyway(String name) {
        assertEquals(true, GroovyEngine.mayPrintValues(tmp.resolve(name)));
    }
}
