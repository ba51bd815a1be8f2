package org.dshell.core.jdl;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dshell.core.DshellException;

/**
 * Expands a parametric JDL into its jobs the way DIRAC's ParametricJob utility does:
 * {@code Parameters = {list}} or {@code Parameters = N} with ParameterStart/Step/Factor, named
 * series {@code Parameters.x} / {@code ParameterStart.x}, placeholders {@code %s}, {@code %(x)s}
 * and {@code %n} (the index, zero-padded to the width of the last index).
 */
public final class ParametricJobs {
    private static final List<String> KEYWORDS = List.of("parameters", "parameterstart", "parameterstep", "parameterfactor");

    private ParametricJobs() {
    }

    public static boolean isParametric(Jdl jdl) {
        return jdl.has("Parameters");
    }

    /** How many jobs the JDL stands for: 1 unless it is parametric. */
    public static int numberOfJobs(Jdl jdl) {
        return isParametric(jdl) ? vectorLength(specs(jdl)) : numberOfJobsWithoutParameters(jdl);
    }

    /**
     * The jobs of a parametric JDL, each without the Parameter* attributes but with
     * {@code Parameter}, {@code Parameter.x} and {@code ParameterNumber} added, as DIRAC adds them.
     * A JDL that is not parametric comes back as its one job, with a null parameter.
     */
    public static List<ExpandedJob> expand(Jdl jdl) {
        if (!isParametric(jdl)) {
            numberOfJobsWithoutParameters(jdl);
            return List.of(new ExpandedJob(0, null, Map.of(), jdl.copy()));
        }
        Map<String, SeriesSpec> specs = specs(jdl);
        int length = vectorLength(specs);
        List<ParameterSeries> series = new ArrayList<>();
        for (SeriesSpec spec : specs.values()) {
            series.add(spec.toSeries(length));
        }
        List<JdlAttribute> template = jdl.attributes().stream().filter(a -> !isParameterAttribute(a.name())).toList();
        int width = String.valueOf(length - 1).length();
        List<ExpandedJob> jobs = new ArrayList<>(length);
        for (int n = 0; n < length; n++) {
            jobs.add(job(n, width, template, series));
        }
        return jobs;
    }

    private static ExpandedJob job(int n, int width, List<JdlAttribute> template, List<ParameterSeries> series) {
        JdlValue parameter = null;
        Map<String, JdlValue> named = new LinkedHashMap<>();
        Map<String, JdlValue> namedByLowerCase = new LinkedHashMap<>();
        for (ParameterSeries s : series) {
            JdlValue value = s.values().get(n);
            if (s.isDefault()) {
                parameter = value;
            } else {
                named.put(s.name(), value);
                namedByLowerCase.put(s.name().toLowerCase(Locale.ROOT), value);
            }
        }
        PlaceholderSubstitution substitution = new PlaceholderSubstitution(zeroPadded(n, width), parameter, namedByLowerCase);
        Jdl jdl = new Jdl();
        for (JdlAttribute attribute : template) {
            JdlValue value = substitution.apply(attribute.value());
            jdl.append(value == attribute.value() ? attribute : new JdlAttribute(attribute.name(), value));
        }
        if (parameter != null) {
            jdl.append(new JdlAttribute("Parameter", recorded(parameter)));
        }
        named.forEach((name, value) -> jdl.append(new JdlAttribute("Parameter." + name, recorded(value))));
        jdl.append(new JdlAttribute("ParameterNumber", JdlNumber.of(n)));
        return new ExpandedJob(n, parameter, named, jdl);
    }

    /** DIRAC records a parameter as a string, or as a list if it is one. */
    private static JdlValue recorded(JdlValue value) {
        return value instanceof JdlList || value instanceof JdlString ? value : new JdlString(value.text());
    }

    private static String zeroPadded(int n, int width) {
        String digits = Integer.toString(n);
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }

    /** The Parameter* attributes grouped by series, the default series (named "") first. */
    private static Map<String, SeriesSpec> specs(Jdl jdl) {
        Map<String, SeriesSpec> specs = new LinkedHashMap<>();
        specs.put("", new SeriesSpec(""));
        for (JdlAttribute attribute : jdl.attributes()) {
            String name = attribute.name();
            if (!isParameterAttribute(name)) {
                continue;
            }
            int dot = name.indexOf('.');
            String seriesName = dot < 0 ? "" : name.substring(dot + 1);
            String keyword = (dot < 0 ? name : name.substring(0, dot)).toLowerCase(Locale.ROOT);
            specs.computeIfAbsent(seriesName.toLowerCase(Locale.ROOT), k -> new SeriesSpec(seriesName))
                    .set(keyword, attribute);
        }
        return specs;
    }

    private static int vectorLength(Map<String, SeriesSpec> specs) {
        int length = -1;
        String decidedBy = null;
        for (SeriesSpec spec : specs.values()) {
            if (spec.parameters == null) {
                continue;
            }
            int thisLength = spec.declaredLength();
            if (length >= 0 && thisLength != length) {
                throw DshellException.usage("parameter series differ in length: " + decidedBy + " has " + length
                        + " values, " + spec.parameters.name() + " has " + thisLength);
            }
            length = thisLength;
            decidedBy = spec.parameters.name();
        }
        if (length <= 0) {
            throw DshellException.usage(decidedBy + ": illegal number of job parameters " + length);
        }
        return length;
    }

    private static int numberOfJobsWithoutParameters(Jdl jdl) {
        for (String name : jdl.names()) {
            if (isParameterAttribute(name)) {
                throw DshellException.usage(name + ": a parametric job needs Parameters (a list or a number of jobs)");
            }
        }
        return 1;
    }

    static boolean isParameterAttribute(String name) {
        int dot = name.indexOf('.');
        String keyword = (dot < 0 ? name : name.substring(0, dot)).toLowerCase(Locale.ROOT);
        return KEYWORDS.contains(keyword) && (dot < 0 || dot < name.length() - 1);
    }

    /** The Parameters, ParameterStart, ParameterStep and ParameterFactor attributes of one series. */
    private static final class SeriesSpec {
        private final String name;
        private JdlAttribute parameters;
        private JdlAttribute start;
        private JdlAttribute step;
        private JdlAttribute factor;

        SeriesSpec(String name) {
            this.name = name;
        }

        void set(String keyword, JdlAttribute attribute) {
            switch (keyword) {
                case "parameters" -> parameters = attribute;
                case "parameterstart" -> start = attribute;
                case "parameterstep" -> step = attribute;
                default -> factor = attribute;
            }
        }

        /** The number of values this series states through its Parameters attribute. */
        int declaredLength() {
            if (parameters.value() instanceof JdlList list) {
                return list.items().size();
            }
            if (!name.isEmpty()) {
                throw DshellException.usage(parameters.name() + ": must be a list; only Parameters may give a number of jobs");
            }
            Number count = ArithmeticSequence.number(parameters.name(), parameters.value());
            if (!(count instanceof BigInteger n) || n.bitLength() > 31) {
                throw DshellException.usage(parameters.name() + ": expected a list or a number of jobs, got "
                        + parameters.value().toJdl());
            }
            return n.intValue();
        }

        ParameterSeries toSeries(int length) {
            if (parameters != null && parameters.value() instanceof JdlList list) {
                return new ParameterSeries(name, list.items());
            }
            // Defaults as in DIRAC: Start 1, Step 0, Factor 1.
            return new ParameterSeries(name, ArithmeticSequence.of(length,
                    numberOr(start, BigInteger.ONE), numberOr(step, BigInteger.ZERO), numberOr(factor, BigInteger.ONE)));
        }

        private static Number numberOr(JdlAttribute attribute, Number fallback) {
            return attribute == null ? fallback : ArithmeticSequence.number(attribute.name(), attribute.value());
        }
    }
}
