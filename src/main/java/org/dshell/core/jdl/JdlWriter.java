package org.dshell.core.jdl;

/**
 * Writes a {@link Jdl} as canonical DIRAC JDL: one attribute per line, each ended by {@code ;},
 * inside {@code [ ]}. Long lists go one element per line, as DIRAC's own JDLs do.
 */
public final class JdlWriter {
    private static final String INDENT = "    ";
    private static final int LINE_WIDTH = 100;

    private JdlWriter() {
    }

    public static String write(Jdl jdl) {
        StringBuilder out = new StringBuilder("[\n");
        for (JdlAttribute attribute : jdl.attributes()) {
            String value = attribute.value().toJdl();
            String line = INDENT + attribute.name() + " = " + value + ";";
            if (line.length() <= LINE_WIDTH || !(attribute.value() instanceof JdlList list) || list.items().size() < 2) {
                out.append(line).append('\n');
            } else {
                appendLongList(out, attribute.name(), list);
            }
        }
        return out.append("]\n").toString();
    }

    private static void appendLongList(StringBuilder out, String name, JdlList list) {
        out.append(INDENT).append(name).append(" =\n").append(INDENT).append(INDENT).append("{\n");
        for (int i = 0; i < list.items().size(); i++) {
            out.append(INDENT).append(INDENT).append(INDENT).append(list.items().get(i).toJdl());
            out.append(i + 1 < list.items().size() ? ",\n" : "\n");
        }
        out.append(INDENT).append(INDENT).append("};\n");
    }
}
