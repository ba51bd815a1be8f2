package org.dshell.core;

/** POSIX mode bits: checks for an identity, the {@code drwxr-xr-x} form, and chmod's octal and symbolic forms. */
public final class Modes {
    public static final int READ = 4;
    public static final int WRITE = 2;
    public static final int EXECUTE = 1;

    private Modes() {
    }

    /** Whether {@code identity} has {@code permission} (READ, WRITE or EXECUTE) on an entry owned by owner:group with mode. */
    public static boolean allows(Identity identity, String owner, String group, int mode, int permission) {
        int shift = identity.user().equals(owner) ? 6 : identity.group().equals(group) ? 3 : 0;
        return ((mode >> shift) & permission) == permission;
    }

    /** {@code drwxr-xr-x} for a directory with mode 0755. */
    public static String format(EntryKind kind, int mode) {
        int key = (kind == EntryKind.DIRECTORY ? 01000 : 0) | (mode & 0777);
        String cached = FORMATTED[key];
        if (cached == null) {
            cached = formatUncached(kind, mode & 0777);
            FORMATTED[key] = cached;
        }
        return cached;
    }

    /** Long listings format the same few modes over and over. */
    private static final String[] FORMATTED = new String[02000];

    private static String formatUncached(EntryKind kind, int mode) {
        StringBuilder b = new StringBuilder(10).append(kind == EntryKind.DIRECTORY ? 'd' : '-');
        String letters = "rwx";
        for (int shift = 6; shift >= 0; shift -= 3) {
            for (int bit = 0; bit < 3; bit++) {
                b.append(((mode >> shift) & (4 >> bit)) != 0 ? letters.charAt(bit) : '-');
            }
        }
        return b.toString();
    }

    /** Applies a chmod argument ({@code 755}, {@code g+w}, {@code u=rwx,o-r}, ...) to {@code mode}. */
    public static int apply(String spec, int mode) {
        if (spec.matches("[0-7]{1,4}")) {
            return Integer.parseInt(spec, 8) & 0777;
        }
        int result = mode;
        for (String clause : spec.split(",", -1)) {
            if (!clause.matches("[ugoa]*[-+=][rwx]*")) {
                throw DshellException.usage("invalid mode: '" + spec + "' (use octal like 755 or symbolic like u+x,go-w)");
            }
            int op = indexOfOperator(clause);
            String who = clause.substring(0, op).isEmpty() ? "a" : clause.substring(0, op);
            int bits = 0;
            for (char c : clause.substring(op + 1).toCharArray()) {
                bits |= c == 'r' ? READ : c == 'w' ? WRITE : EXECUTE;
            }
            int mask = 0;
            int value = 0;
            for (char w : who.toCharArray()) {
                int[] shifts = w == 'u' ? new int[] {6} : w == 'g' ? new int[] {3} : w == 'o' ? new int[] {0} : new int[] {6, 3, 0};
                for (int shift : shifts) {
                    mask |= 7 << shift;
                    value |= bits << shift;
                }
            }
            char operator = clause.charAt(op);
            result = operator == '+' ? result | value : operator == '-' ? result & ~value : (result & ~mask) | value;
        }
        return result & 0777;
    }

    private static int indexOfOperator(String clause) {
        for (int i = 0; i < clause.length(); i++) {
            if ("+-=".indexOf(clause.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
