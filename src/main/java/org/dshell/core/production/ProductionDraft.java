package org.dshell.core.production;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.dshell.core.meta.MetaFieldLookup;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * A production put together in code (the Groovy builder) with the YAML file's field names. It becomes
 * YAML text and goes through {@link ProductionParser}, so a built production is checked exactly as a
 * file is, and is stored with the text it was made from. Errors name the line where the script called
 * {@code production(...)} or {@code step(...)} instead of a line of the generated YAML.
 */
public final class ProductionDraft {
    private final String name;
    private final int line;
    private final Map<String, Object> settings = new LinkedHashMap<>();
    private final List<Map<String, Object>> steps = new ArrayList<>();
    private final List<Integer> stepLines = new ArrayList<>();

    /** @param line where the script names the production, for messages (0 when unknown) */
    public ProductionDraft(String name, int line) {
        this.name = name;
        this.line = line;
    }

    public String name() {
        return name;
    }

    /** Production-wide defaults, as under {@code settings:}. */
    public Map<String, Object> settings() {
        return settings;
    }

    /** Adds a step with its {@code id}; fill the returned map with the step's fields ({@code job} a map of its own). */
    public Map<String, Object> step(String id, int scriptLine) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("id", id);
        steps.add(step);
        stepLines.add(scriptLine);
        return step;
    }

    /** The YAML document this draft stands for. */
    public String toYaml() {
        return render(new ArrayList<>());
    }

    /**
     * Checks the draft as {@link ProductionParser} checks a file.
     *
     * @param source        the script's name, for messages
     * @param baseDirectory where relative sandbox and JDL files are read from (the script's directory)
     */
    public ProductionSpec build(String source, Path baseDirectory, MetaFieldLookup existing) {
        List<Integer> lineMap = new ArrayList<>();
        String yaml = render(lineMap);
        return new ProductionParser(source, baseDirectory, existing,
                yamlLine -> yamlLine - 1 < lineMap.size() ? lineMap.get(yamlLine - 1) : line).parse(yaml);
    }

    /** The YAML text; {@code lineMap} gets, per YAML line, the script line it came from. */
    private String render(List<Integer> lineMap) {
        Yaml yaml = new Yaml(options());
        StringBuilder text = new StringBuilder();
        Map<String, Object> head = new LinkedHashMap<>();
        head.put("name", name);
        if (!settings.isEmpty()) {
            head.put("settings", settings);
        }
        append(text, yaml.dump(head), "", line, lineMap);
        append(text, "steps:\n", "", line, lineMap);
        for (int i = 0; i < steps.size(); i++) {
            String dumped = yaml.dump(steps.get(i));
            StringBuilder indented = new StringBuilder();
            boolean first = true;
            for (String l : dumped.split("\n", -1)) {
                if (l.isEmpty()) {
                    continue;
                }
                indented.append(first ? "  - " : "    ").append(l).append('\n');
                first = false;
            }
            append(text, indented.toString(), "", stepLines.get(i) > 0 ? stepLines.get(i) : line, lineMap);
        }
        return text.toString();
    }

    private static void append(StringBuilder text, String chunk, String indent, int scriptLine, List<Integer> lineMap) {
        for (String l : chunk.split("\n", -1)) {
            if (l.isEmpty()) {
                continue;
            }
            text.append(indent).append(l).append('\n');
            lineMap.add(scriptLine);
        }
    }

    private static DumperOptions options() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(0);
        options.setWidth(1000);
        return options;
    }

    @Override
    public String toString() {
        return "production '" + name + "' (" + steps.size() + " steps)" + new TreeMap<>(settings);
    }
}
