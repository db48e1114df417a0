package io.jtinc.config;

/**
 * One {@code Variable = Value} line. {@code file} is the path as read, or {@value #COMMAND_LINE} for {@code -o};
 * {@code line} is 1-based (for -o: the option's position among the -o options, as tincd counts them).
 */
public record ConfigEntry(String variable, String value, String file, int line) {
    public static final String COMMAND_LINE = "command line";

    public boolean fromCommandLine() {
        return COMMAND_LINE.equals(file);
    }

    /** "FILE line N", the location prefix of every error about this entry. */
    public String where() {
        return file + " line " + line;
    }
}
