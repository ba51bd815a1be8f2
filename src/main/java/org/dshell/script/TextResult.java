package org.dshell.script;

/** What a verb printed and returned, for {@code sh(...)} and for verbs without {@code --json}. */
public final class TextResult {
    private final String text;
    private final int status;
    private final String error;

    public TextResult(String text, int status, String error) {
        this.text = text;
        this.status = status;
        this.error = error;
    }

    /** What the command printed. */
    public String getText() {
        return text;
    }

    /** Its exit status: 0 ok, 1 failure, 2 usage error. */
    public int getStatus() {
        return status;
    }

    /** The one-line error when it failed, else null. */
    public String getError() {
        return error;
    }

    public boolean getOk() {
        return status == 0;
    }

    /** The printed lines. */
    public java.util.List<String> getLines() {
        return text.isEmpty() ? java.util.List.of() : java.util.List.of(text.split("\n"));
    }

    @Override
    public String toString() {
        return text;
    }
}
