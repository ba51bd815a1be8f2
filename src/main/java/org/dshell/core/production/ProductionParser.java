package org.dshell.core.production;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntUnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.dshell.core.DshellException;
import org.dshell.core.jdl.Jdl;
import org.dshell.core.meta.Condition;
import org.dshell.core.meta.FieldQuery;
import org.dshell.core.meta.MetaField;
import org.dshell.core.meta.MetaFieldLookup;
import org.dshell.core.meta.MetaQuery;
import org.dshell.core.meta.MetaScope;
import org.dshell.core.meta.MetaType;
import org.dshell.core.meta.Operator;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a production from YAML and checks it before anything runs: unknown fields, wrong types, unknown
 * parents, cycles, queries that can never match their parent's output. Each error is one line naming
 * the file and the YAML line. Uses SnakeYAML's node API, which keeps line numbers.
 */
public final class ProductionParser {
    private static final Set<String> TOP = new LinkedHashSet<>(List.of("name", "settings", "steps"));
    private static final Set<String> SETTINGS = new LinkedHashSet<>(
            List.of("input_path", "output_path", "output_se", "retries", "group_size", "cpu_time"));
    private static final Set<String> STEP = new LinkedHashSet<>(List.of("id", "name", "parent", "parents", "input_query",
            "input_path", "tasks", "job", "group_size", "output_metadata", "output_path", "output_se", "retries"));
    private static final Set<String> JOB = new LinkedHashSet<>(
            List.of("executable", "arguments", "input_sandbox", "outputs", "cpu_time", "jdl"));
    /** The fields of a step, of its job and of settings, as a builder offers them. */
    public static final Set<String> STEP_FIELDS = Collections.unmodifiableSet(STEP);
    public static final Set<String> JOB_FIELDS = Collections.unmodifiableSet(JOB);
    public static final Set<String> SETTINGS_FIELDS = Collections.unmodifiableSet(SETTINGS);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_]+)}");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final Pattern WORD = Pattern.compile("(?:[^\\s'\"]+|'[^']*'|\"[^\"]*\")+");
    /** Where a step's outputs go, below the owner's home, unless it says otherwise. */
    public static final String DEFAULT_OUTPUT_PATH = "productions/{production}/{step}";
    public static final int DEFAULT_RETRIES = 3;

    private final String source;
    private final Path baseDirectory;
    private final MetaFieldLookup existing;
    private final IntUnaryOperator lines;

    /**
     * @param source        the file name used in messages
     * @param baseDirectory where relative sandbox and JDL files are read from
     * @param existing      the catalog's metadata fields now; fields named only in output metadata are new file fields
     */
    public ProductionParser(String source, Path baseDirectory, MetaFieldLookup existing) {
        this(source, baseDirectory, existing, IntUnaryOperator.identity());
    }

    /** As above, for YAML made from something else: {@code lines} turns a YAML line into the line to name in messages. */
    public ProductionParser(String source, Path baseDirectory, MetaFieldLookup existing, IntUnaryOperator lines) {
        this.source = source;
        this.baseDirectory = baseDirectory;
        this.existing = existing;
        this.lines = lines;
    }

    public static ProductionSpec parseFile(Path file, MetaFieldLookup existing) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw DshellException.usage("cannot read " + file + ": " + e.getMessage());
        }
        Path absolute = file.toAbsolutePath().normalize();
        return new ProductionParser(file.getFileName().toString(), absolute.getParent(), existing).parse(text);
    }

    public ProductionSpec parse(String text) {
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            root = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 1;
            throw error(line, "YAML syntax: " + e.getProblem());
        } catch (RuntimeException e) {
            throw error(1, "YAML syntax: " + e.getMessage());
        }
        if (root == null) {
            throw error(1, "empty file; a production needs a name and steps");
        }
        Map<String, Node> top = mapping(root, "the production", TOP);
        String name = requiredString(top, "name", root, "the production");
        Map<String, Node> settings = top.containsKey("settings") ? mapping(top.get("settings"), "settings", SETTINGS) : Map.of();
        Node stepsNode = top.get("steps");
        if (!(stepsNode instanceof SequenceNode steps) || steps.getValue().isEmpty()) {
            throw error(stepsNode == null ? line(root) : line(stepsNode), "steps: expected a list of steps");
        }
        List<RawStep> raw = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        for (Node node : steps.getValue()) {
            RawStep step = rawStep(node, settings);
            if (!ids.add(step.id)) {
                throw error(step.line, "step id '" + step.id + "' is used twice");
            }
            raw.add(step);
        }
        List<RawStep> ordered = order(raw);
        Map<String, MetaType> newFields = newFields(ordered);
        MetaFieldLookup lookup = n -> existing.find(n).or(() -> Optional.ofNullable(newFields.get(n))
                .map(t -> new MetaField(n, t, MetaScope.FILE)));
        Map<String, StepSpec> built = new LinkedHashMap<>();
        for (RawStep step : ordered) {
            built.put(step.id, build(step, built, lookup));
        }
        return new ProductionSpec(name, List.copyOf(built.values()), newFields, baseDirectory);
    }

    /** A step as written, before parents and queries are resolved. */
    private static final class RawStep {
        String id;
        String name;
        List<String> parents = List.of();
        List<String> queryWords;
        int queryLine;
        String inputPath;
        Integer tasks;
        int tasksLine;
        JobTemplate job;
        int groupSize;
        Map<String, Node> outputMetadata = Map.of();
        String outputPath;
        String outputSE;
        int retries;
        int line;
    }

    private RawStep rawStep(Node node, Map<String, Node> settings) {
        Map<String, Node> m = mapping(node, "a step", STEP);
        RawStep s = new RawStep();
        s.line = line(node);
        s.id = requiredString(m, "id", node, "a step");
        if (!ID.matcher(s.id).matches()) {
            throw error(line(m.get("id")), "id: '" + s.id + "' is not a valid step id (letters, digits, _ . -)");
        }
        String what = "step '" + s.id + "'";
        s.name = optionalString(m, "name").orElse(s.id);
        if (m.containsKey("parent") && m.containsKey("parents")) {
            throw error(line(m.get("parents")), what + ": give either parent or parents, not both");
        }
        Node parents = m.containsKey("parent") ? m.get("parent") : m.get("parents");
        if (parents != null) {
            s.parents = stringList(parents, "parent");
        }
        if (m.containsKey("input_query")) {
            s.queryLine = line(m.get("input_query"));
            s.queryWords = queryWords(m.get("input_query"));
        }
        s.inputPath = optionalString(m, "input_path").or(() -> optionalString(settings, "input_path")).orElse(null);
        if (m.containsKey("tasks")) {
            s.tasks = positive(m.get("tasks"), "tasks");
            s.tasksLine = line(m.get("tasks"));
        }
        if (!m.containsKey("job")) {
            throw error(s.line, what + ": missing job");
        }
        long defaultCpu = settings.containsKey("cpu_time") ? positive(settings.get("cpu_time"), "cpu_time") : 0;
        s.job = job(m.get("job"), what, defaultCpu);
        s.groupSize = m.containsKey("group_size") ? positive(m.get("group_size"), "group_size")
                : settings.containsKey("group_size") ? positive(settings.get("group_size"), "group_size") : 1;
        if (m.containsKey("output_metadata")) {
            s.outputMetadata = mapping(m.get("output_metadata"), "output_metadata", null);
        }
        s.outputPath = optionalString(m, "output_path").or(() -> optionalString(settings, "output_path")).orElse(DEFAULT_OUTPUT_PATH);
        placeholders(s.outputPath, line(m.getOrDefault("output_path", node)), Set.of("production", "step"));
        s.outputSE = optionalString(m, "output_se").or(() -> optionalString(settings, "output_se")).orElse("");
        s.retries = m.containsKey("retries") ? nonNegative(m.get("retries"), "retries")
                : settings.containsKey("retries") ? nonNegative(settings.get("retries"), "retries") : DEFAULT_RETRIES;
        return s;
    }

    private JobTemplate job(Node node, String what, long defaultCpu) {
        Map<String, Node> m = mapping(node, "job", JOB);
        String jdl = optionalString(m, "jdl").orElse(null);
        String executable = optionalString(m, "executable").orElse(null);
        if ((jdl == null) == (executable == null)) {
            throw error(line(node), what + ": job needs either executable or jdl");
        }
        List<String> sandbox = new ArrayList<>(m.containsKey("input_sandbox") ? stringList(m.get("input_sandbox"), "input_sandbox") : List.of());
        for (String file : sandbox) {
            if (!Files.exists(baseDirectory.resolve(file))) {
                throw error(line(m.get("input_sandbox")), "input_sandbox: no such file: " + baseDirectory.resolve(file));
            }
        }
        String arguments = optionalString(m, "arguments").orElse("");
        placeholders(arguments, line(m.getOrDefault("arguments", node)), Set.copyOf(JobTemplate.PLACEHOLDERS));
        if (executable != null && !executable.startsWith("/") && Files.isRegularFile(baseDirectory.resolve(executable))) {
            if (!sandbox.contains(executable)) {
                sandbox.add(0, executable);
            }
            executable = Path.of(executable).getFileName().toString();
        }
        if (jdl != null) {
            int jdlLine = line(m.get("jdl"));
            if (!jdl.strip().startsWith("[")) {
                Path file = baseDirectory.resolve(jdl.strip());
                try {
                    jdl = Files.readString(file, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw error(jdlLine, "jdl: cannot read " + file);
                }
            }
            placeholders(jdl, jdlLine, Set.copyOf(JobTemplate.PLACEHOLDERS));
            try {
                Jdl parsed = Jdl.parse(PLACEHOLDER.matcher(jdl).replaceAll("1"));
                if (parsed.getString("Executable", "").isBlank()) {
                    throw error(jdlLine, "jdl: the template has no Executable");
                }
            } catch (DshellException e) {
                throw e.getMessage().startsWith(source) ? e : error(jdlLine, "jdl: " + e.getMessage());
            }
        }
        List<String> outputs = m.containsKey("outputs") ? stringList(m.get("outputs"), "outputs") : List.of();
        long cpu = m.containsKey("cpu_time") ? positive(m.get("cpu_time"), "cpu_time") : defaultCpu;
        return new JobTemplate(executable, arguments, sandbox, outputs, cpu, jdl);
    }

    /** Parents first (Kahn's algorithm); an unknown parent or a cycle is an error. */
    private List<RawStep> order(List<RawStep> steps) {
        Map<String, RawStep> byId = new LinkedHashMap<>();
        steps.forEach(s -> byId.put(s.id, s));
        for (RawStep s : steps) {
            for (String parent : s.parents) {
                if (!byId.containsKey(parent)) {
                    throw error(s.line, "step '" + s.id + "': unknown parent '" + parent + "' (steps: "
                            + String.join(", ", byId.keySet()) + ")");
                }
                if (parent.equals(s.id)) {
                    throw error(s.line, "step '" + s.id + "' is its own parent");
                }
            }
        }
        List<RawStep> ordered = new ArrayList<>();
        Set<String> done = new LinkedHashSet<>();
        boolean progress = true;
        while (ordered.size() < steps.size() && progress) {
            progress = false;
            for (RawStep s : steps) {
                if (!done.contains(s.id) && done.containsAll(s.parents)) {
                    ordered.add(s);
                    done.add(s.id);
                    progress = true;
                }
            }
        }
        if (ordered.size() < steps.size()) {
            List<String> cycle = steps.stream().filter(s -> !done.contains(s.id)).map(s -> s.id).toList();
            RawStep first = byId.get(cycle.get(0));
            throw error(first.line, "steps " + String.join(", ", cycle) + " form a cycle of parents");
        }
        return ordered;
    }

    /** Fields named in output metadata that the catalog lacks, typed from their YAML values. */
    private Map<String, MetaType> newFields(List<RawStep> steps) {
        Map<String, MetaType> types = new HashMap<>();
        Map<String, String> firstStep = new HashMap<>();
        for (RawStep s : steps) {
            for (Map.Entry<String, Node> e : s.outputMetadata.entrySet()) {
                String field = e.getKey();
                if (!MetaField.isValidName(field)) {
                    throw error(line(e.getValue()), "output_metadata: '" + field + "' is not a valid field name");
                }
                Optional<MetaField> known = existing.find(field);
                if (known.isPresent()) {
                    if (known.get().scope() != MetaScope.FILE) {
                        throw error(line(e.getValue()), "output_metadata: '" + field + "' is a " + known.get().scope().name().toLowerCase()
                                + " field; output metadata is set on files");
                    }
                    continue;
                }
                MetaType type = typeOf(e.getValue(), field);
                MetaType before = types.putIfAbsent(field, type);
                firstStep.putIfAbsent(field, s.id);
                if (before != null && before != type) {
                    throw error(line(e.getValue()), "output_metadata: '" + field + "' is " + type.keyword() + " here but "
                            + before.keyword() + " in step '" + firstStep.get(field) + "'");
                }
            }
        }
        return types;
    }

    private MetaType typeOf(Node node, String field) {
        if (!(node instanceof ScalarNode scalar)) {
            throw error(line(node), "output_metadata: " + field + ": expected one value");
        }
        if (scalar.getTag().equals(Tag.INT)) {
            return MetaType.INT;
        }
        if (scalar.getTag().equals(Tag.FLOAT)) {
            return MetaType.FLOAT;
        }
        if (scalar.getTag().equals(Tag.TIMESTAMP)) {
            return MetaType.DATE;
        }
        return MetaType.STRING;
    }

    private StepSpec build(RawStep s, Map<String, StepSpec> built, MetaFieldLookup lookup) {
        String what = "step '" + s.id + "'";
        Map<String, Object> own = new LinkedHashMap<>();
        for (Map.Entry<String, Node> e : s.outputMetadata.entrySet()) {
            MetaField field = lookup.find(e.getKey()).orElseThrow();
            String text = ((ScalarNode) e.getValue()).getValue();
            try {
                own.put(field.name(), field.type().parse(text));
            } catch (RuntimeException bad) {
                throw error(line(e.getValue()), "output_metadata: " + field.name() + " is " + field.type().keyword()
                        + " field, '" + text + "' is not " + field.type().keyword());
            }
        }
        MetaQuery refinement = null;
        if (s.queryWords != null) {
            try {
                refinement = MetaQuery.parse(s.queryWords, lookup);
            } catch (DshellException e) {
                throw error(s.queryLine, what + ": input_query: " + e.getMessage());
            }
        }
        Map<String, Object> inherited = new LinkedHashMap<>();
        MetaQuery query = refinement;
        if (!s.parents.isEmpty()) {
            if (s.tasks != null) {
                throw error(s.tasksLine, what + ": tasks is only for steps without parents and input_query (they make their own data)");
            }
            for (String parent : s.parents) {
                Map<String, Object> out = built.get(parent).outputMetadata();
                if (out.isEmpty()) {
                    throw error(s.line, what + ": parent '" + parent + "' has no output_metadata, so nothing can find its output");
                }
                if (refinement != null) {
                    for (FieldQuery fq : refinement.fields()) {
                        Object value = out.get(fq.field().name());
                        if (value != null && !fq.matches(value)) {
                            throw error(s.queryLine, what + ": input_query '" + new MetaQuery(List.of(fq)) + "' can never match the output of parent '"
                                    + parent + "' (" + fq.field().name() + "=" + fq.field().type().format(value) + ")");
                        }
                    }
                }
            }
            inherited = common(s.parents.stream().map(p -> built.get(p).outputMetadata()).toList());
            query = combine(inherited, refinement, lookup);
        } else if (query != null && s.tasks != null) {
            throw error(s.tasksLine, what + ": tasks is only for steps without parents and input_query (they make their own data)");
        }
        if (s.parents.isEmpty() && query == null && s.groupSize != 1 && s.job.arguments().contains("{inputs}")) {
            throw error(s.line, what + ": a step that makes its own data has no {inputs}");
        }
        Map<String, Object> output = new LinkedHashMap<>(inherited);
        output.putAll(own);
        return new StepSpec(s.id, s.name, s.parents, query, s.parents.isEmpty() ? (s.inputPath == null ? "/" : s.inputPath) : null,
                s.parents.isEmpty() && query == null ? (s.tasks == null ? 1 : s.tasks) : 0,
                s.job, s.groupSize, output, s.outputPath, s.outputSE, s.retries, s.line);
    }

    /** The values every parent's output shares: what a child may rely on. */
    private static Map<String, Object> common(List<Map<String, Object>> outputs) {
        Map<String, Object> shared = new LinkedHashMap<>(outputs.get(0));
        for (Map<String, Object> other : outputs.subList(1, outputs.size())) {
            shared.entrySet().removeIf(e -> !e.getValue().equals(other.get(e.getKey())));
        }
        return shared;
    }

    private static MetaQuery combine(Map<String, Object> values, MetaQuery refinement, MetaFieldLookup lookup) {
        Map<String, List<Condition>> conditions = new LinkedHashMap<>();
        Map<String, MetaField> fields = new HashMap<>();
        values.forEach((name, value) -> {
            fields.put(name, lookup.find(name).orElseThrow());
            conditions.computeIfAbsent(name, k -> new ArrayList<>()).add(Condition.of(Operator.IN, value));
        });
        if (refinement != null) {
            for (FieldQuery fq : refinement.fields()) {
                fields.put(fq.field().name(), fq.field());
                conditions.computeIfAbsent(fq.field().name(), k -> new ArrayList<>()).addAll(fq.conditions());
            }
        }
        List<FieldQuery> result = new ArrayList<>();
        conditions.forEach((name, c) -> result.add(new FieldQuery(fields.get(name), c)));
        return new MetaQuery(result);
    }

    private List<String> queryWords(Node node) {
        List<String> words = new ArrayList<>();
        if (node instanceof ScalarNode scalar) {
            Matcher m = WORD.matcher(scalar.getValue());
            while (m.find()) {
                words.add(m.group().replace("'", "").replace("\"", ""));
            }
        } else if (node instanceof SequenceNode) {
            words.addAll(stringList(node, "input_query"));
        } else {
            for (Map.Entry<String, Node> e : mapping(node, "input_query", null).entrySet()) {
                words.add(e.getKey() + "=" + String.join(",", stringList(e.getValue(), "input_query: " + e.getKey())));
            }
        }
        if (words.isEmpty()) {
            throw error(line(node), "input_query: empty; leave it out for a step that makes its own data");
        }
        return words;
    }

    private void placeholders(String text, int line, Set<String> allowed) {
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            if (!allowed.contains(m.group(1))) {
                throw error(line, "unknown placeholder {" + m.group(1) + "} (known: "
                        + String.join(", ", new TreeSet<>(allowed).stream().map(p -> "{" + p + "}").toList()) + ")");
            }
        }
    }

    // --- typed access to nodes, every error with its line

    private Map<String, Node> mapping(Node node, String what, Set<String> known) {
        if (!(node instanceof MappingNode mapping)) {
            throw error(line(node), what + ": expected a mapping of names to values");
        }
        Map<String, Node> result = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                throw error(line(tuple.getKeyNode()), what + ": keys must be plain names");
            }
            if (known != null && !known.contains(key.getValue())) {
                throw error(line(key), "unknown field '" + key.getValue() + "' in " + what + " (known: " + String.join(", ", known) + ")");
            }
            result.put(key.getValue(), tuple.getValueNode());
        }
        return result;
    }

    private String requiredString(Map<String, Node> m, String key, Node owner, String what) {
        return optionalString(m, key).orElseThrow(() -> error(line(owner), what + ": missing " + key));
    }

    private Optional<String> optionalString(Map<String, Node> m, String key) {
        Node node = m.get(key);
        if (node == null) {
            return Optional.empty();
        }
        if (!(node instanceof ScalarNode scalar) || scalar.getTag().equals(Tag.NULL)) {
            throw error(line(node), key + ": expected a string");
        }
        if (scalar.getValue().isBlank()) {
            throw error(line(node), key + ": must not be empty");
        }
        return Optional.of(scalar.getValue());
    }

    private List<String> stringList(Node node, String key) {
        List<Node> items = node instanceof SequenceNode seq ? seq.getValue() : List.of(node);
        List<String> values = new ArrayList<>();
        for (Node item : items) {
            if (!(item instanceof ScalarNode scalar) || scalar.getTag().equals(Tag.NULL) || scalar.getValue().isBlank()) {
                throw error(line(item), key + ": expected a string or a list of strings");
            }
            values.add(scalar.getValue());
        }
        return values;
    }

    private int positive(Node node, String key) {
        int value = nonNegative(node, key);
        if (value == 0) {
            throw error(line(node), key + ": must be at least 1");
        }
        return value;
    }

    private int nonNegative(Node node, String key) {
        if (!(node instanceof ScalarNode scalar) || !scalar.getTag().equals(Tag.INT)) {
            String got = node instanceof ScalarNode s ? "'" + s.getValue() + "'" : "a " + node.getNodeId().name();
            throw error(line(node), key + ": expected a whole number, got " + got);
        }
        try {
            int value = Integer.parseInt(scalar.getValue().replace("_", ""));
            if (value < 0) {
                throw error(line(node), key + ": must not be negative");
            }
            return value;
        } catch (NumberFormatException e) {
            throw error(line(node), key + ": " + scalar.getValue() + " is out of range");
        }
    }

    private static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    private DshellException error(int line, String message) {
        return DshellException.usage(source + ": line " + lines.applyAsInt(line) + ": " + message);
    }
}
