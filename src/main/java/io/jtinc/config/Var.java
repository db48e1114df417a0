package io.jtinc.config;

/**
 * One row of the variable table in {@link Variables}: name, where it belongs, whether it may repeat, how its value
 * is parsed and its default. Getters in ServerConfig/HostConfig only name the row.
 */
public final class Var<T> {
    public enum Scope { SERVER, HOST }

    /** Parses one value; throws BadValue with what is wrong and the expected form. */
    @FunctionalInterface
    public interface Parser<T> {
        T parse(String value) throws BadValue;
    }

    /** A value that does not parse. {@code expected} is the form to show the operator. */
    public static final class BadValue extends Exception {
        private static final long serialVersionUID = 1L;
        final String problem;
        final String expected;

        public BadValue(String problem, String expected) {
            super(problem + "; expected " + expected);
            this.problem = problem;
            this.expected = expected;
        }

        public BadValue(String expected) {
            this("is not valid", expected);
        }
    }

    private final String name;
    private final Scope scope;
    private final boolean multiple;
    private final Parser<T> parser;
    private final T defaultValue;

    Var(String name, Scope scope, boolean multiple, Parser<T> parser, T defaultValue) {
        this.name = name;
        this.scope = scope;
        this.multiple = multiple;
        this.parser = parser;
        this.defaultValue = defaultValue;
    }

    public String name() {
        return name;
    }

    public Scope scope() {
        return scope;
    }

    public boolean multiple() {
        return multiple;
    }

    /** The default, or null when the variable is unset by default (getters then return Optional.empty()). */
    public T defaultValue() {
        return defaultValue;
    }

    /** Parses an entry's value; the error names the entry's file and line. */
    public T parse(ConfigEntry e) throws ConfigException {
        try {
            return parser.parse(e.value());
        } catch (BadValue b) {
            String msg = name + " = " + e.value() + " " + b.problem + "; expected " + b.expected;
            if (e.fromCommandLine()) {
                throw new ConfigException(ConfigEntry.COMMAND_LINE, 0, "-o option " + e.line() + ": " + msg);
            }
            throw new ConfigException(e.file(), e.line(), msg);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
