package org.dshell.config;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.dshell.core.DshellException;

/**
 * The settings file {@code $DSHELL_HOME/dshell.properties}: plain {@code key = value} lines, read
 * at every start (a properties file costs nothing to parse, which keeps start-up fast).
 */
public final class Settings {
    public static final String FILE_NAME = "dshell.properties";

    private final Path file;
    private final Properties properties;

    private Settings(Path file, Properties properties) {
        this.file = file;
        this.properties = properties;
    }

    public static Settings load(Path file) {
        Properties properties = new Properties();
        if (Files.exists(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException | IllegalArgumentException e) {
                throw DshellException.usage("cannot read settings " + file + ": " + e.getMessage());
            }
        }
        return new Settings(file, properties);
    }

    public String get(String key, String fallback) {
        String value = properties.getProperty(key);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    public int getInt(String key, int fallback) {
        String value = get(key, null);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw DshellException.usage(file + ": " + key + " must be a whole number, not '" + value + "'");
        }
    }

    /** All settings whose key starts with {@code prefix}, sorted by key. */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> result = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith(prefix)) {
                result.put(key, properties.getProperty(key).trim());
            }
        }
        return result;
    }

    public void set(String key, String value) {
        if (value == null) {
            properties.remove(key);
        } else {
            properties.setProperty(key, value);
        }
    }

    /** Writes the settings back atomically. */
    public void save() {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (Writer writer = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                properties.store(writer, "dshell settings (see README, section Configuration)");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw DshellException.failure("cannot write settings " + file + ": " + e.getMessage());
        }
    }

    public Path file() {
        return file;
    }
}
