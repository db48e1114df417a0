package io.jtinc.config;

import java.nio.file.Path;

/**
 * A configuration problem that stops jtincd. Its message is one line an operator can act on:
 * {@code FILE line N: what is wrong; expected FORM}. The CLI prints it without a stack trace and exits 1.
 */
public class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;

    /** @param file the file (or "command line" for -o), null when no file is involved
     *  @param line 1-based line number, 0 when not tied to a line */
    public ConfigException(String file, int line, String message) {
        super(format(file, line, message));
        this.file = file;
        this.line = line;
    }

    public ConfigException(Path file, int line, String message) {
        this(file == null ? null : file.toString(), line, message);
    }

    public ConfigException(String message) {
        this((String) null, 0, message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
        this.file = null;
        this.line = 0;
    }

    private static String format(String file, int line, String message) {
        if (file == null) {
            return message;
        }
        return line > 0 ? file + " line " + line + ": " + message : file + ": " + message;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }
}
