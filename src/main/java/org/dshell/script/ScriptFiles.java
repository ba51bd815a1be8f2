package org.dshell.script;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Tells a Groovy script from a batch file. A {@code .groovy} file is Groovy and a {@code .dsh} file is
 * batch; any other file is Groovy when its first line is a dshell shebang ({@code #!/usr/bin/env dshell}),
 * batch otherwise. So a batch file that wants a shebang keeps the {@code .dsh} extension.
 */
public final class ScriptFiles {
    private ScriptFiles() {
    }

    public static boolean isGroovy(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".groovy")) {
            return true;
        }
        if (name.endsWith(".dsh")) {
            return false;
        }
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = reader.readLine();
            return first != null && first.startsWith("#!") && first.matches("#!.*\\bdshell\\s*$");
        } catch (IOException e) {
            return false;
        }
    }
}
