package io.jtinc.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The command line of jtincd, which takes exactly tincd 1.0.36's options (spec §12.1; getopt string
 * {@code c:DLd::k::n:o:K::RU:} plus the long forms). A hand-written getopt_long rather than picocli, because
 * tincd's optional arguments have getopt's quirks that scripts and unit files rely on: {@code -d5}, {@code -d 5},
 * {@code -dd}, {@code -kHUP}, {@code --debug=5}, unique long-option prefixes ({@code --conf=DIR}), and options
 * mixed freely with each other. Parsing is pure: no I/O, no exit.
 */
public final class JtincdOptions {
    /** Why parsing failed; printed as tincd does, followed by the "Try `jtincd --help'" hint, exit 1. */
    public static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        public UsageException(String message) {
            super(message);
        }
    }

    public Path configDir;
    public String netname;
    public boolean noDetach;
    public int debugLevel;
    /** The signal name or number of -k, null when -k was not given. */
    public String killSignal;
    /** Bits of -K, 0 when -K was not given. */
    public int generateKeysBits;
    public boolean mlock;
    public boolean logfile;
    public Path logfilePath;
    public Path pidfile;
    public final List<String> options = new ArrayList<>();
    public boolean chroot;
    public String user;
    public boolean bypassSecurity;
    public boolean help;
    public boolean version;

    /** Signals -k accepts, as tincd's error message lists them, plus ABRT and QUIT from its table. */
    static final List<String> SIGNALS = List.of("HUP", "TERM", "KILL", "USR1", "USR2", "WINCH", "INT", "ALRM",
            "ABRT", "QUIT");

    private static final String[][] LONG = {
        // name, argument: none | required | optional, short equivalent
        {"config", "required", "c"}, {"no-detach", "none", "D"}, {"debug", "optional", "d"},
        {"kill", "optional", "k"}, {"net", "required", "n"}, {"generate-keys", "optional", "K"},
        {"mlock", "none", "L"}, {"logfile", "optional", "logfile"}, {"pidfile", "required", "pidfile"},
        {"option", "required", "o"}, {"chroot", "none", "R"}, {"user", "required", "U"},
        {"bypass-security", "none", "bypass-security"}, {"help", "none", "help"}, {"version", "none", "version"},
    };

    public static JtincdOptions parse(String... args) throws UsageException {
        JtincdOptions o = new JtincdOptions();
        int i = 0;
        while (i < args.length) {
            String arg = args[i++];
            if (arg.equals("--")) {
                if (i < args.length) {
                    throw new UsageException("unrecognized argument '" + args[i] + "'");
                }
                break;
            }
            if (arg.startsWith("--")) {
                i = o.longOption(arg.substring(2), args, i);
            } else if (arg.startsWith("-") && arg.length() > 1) {
                i = o.shortOptions(arg, args, i);
            } else {
                throw new UsageException("unrecognized argument '" + arg + "'");
            }
        }
        return o;
    }

    private int longOption(String body, String[] args, int i) throws UsageException {
        int eq = body.indexOf('=');
        String name = eq < 0 ? body : body.substring(0, eq);
        String value = eq < 0 ? null : body.substring(eq + 1);
        String[] match = null;
        for (String[] candidate : LONG) {
            if (candidate[0].equals(name)) {
                match = candidate;
                break;
            }
            if (candidate[0].startsWith(name) && !name.isEmpty()) {
                if (match != null) {
                    throw new UsageException("option '--" + name + "' is ambiguous");
                }
                match = candidate;
            }
        }
        if (match == null) {
            throw new UsageException("unrecognized option '--" + name + "'");
        }
        switch (match[1]) {
            case "none":
                if (value != null) {
                    throw new UsageException("option '--" + match[0] + "' doesn't allow an argument");
                }
                break;
            case "required":
                if (value == null) {
                    if (i >= args.length) {
                        throw new UsageException("option '--" + match[0] + "' requires an argument");
                    }
                    value = args[i++];
                }
                break;
            default:
                if (value == null && nextIsOptionalArgument(match[2], args, i)) {
                    value = args[i++];
                }
                break;
        }
        apply(match[2], value);
        return i;
    }

    /**
     * -d, -k and -K accept their optional argument as the next word too ({@code -d 5}, {@code -K 4096}), as
     * tincd.c does; only a word that is a valid argument is taken, so {@code -d} before another word still counts
     * up.
     */
    private static boolean nextIsOptionalArgument(String option, String[] args, int i) {
        return i < args.length && !args[i].startsWith("-") && optionalArgumentLooksValid(option, args[i]);
    }

    private static boolean optionalArgumentLooksValid(String option, String word) {
        if (option.equals("k")) {
            return word.matches("\\d+") || SIGNALS.contains(word.toUpperCase(Locale.ROOT));
        }
        return (option.equals("d") || option.equals("K")) && word.matches("\\d+");
    }

    private int shortOptions(String arg, String[] args, int i) throws UsageException {
        for (int pos = 1; pos < arg.length(); pos++) {
            char c = arg.charAt(pos);
            String rest = arg.substring(pos + 1);
            switch (c) {
                case 'D', 'L', 'R' -> apply(String.valueOf(c), null);
                case 'c', 'n', 'o', 'U' -> {
                    String value;
                    if (!rest.isEmpty()) {
                        value = rest;
                    } else if (i < args.length) {
                        value = args[i++];
                    } else {
                        throw new UsageException("option requires an argument -- '" + c + "'");
                    }
                    apply(String.valueOf(c), value);
                    return i;
                }
                case 'd', 'k', 'K' -> {
                    String option = String.valueOf(c);
                    if (!rest.isEmpty()) {
                        apply(option, rest);
                        return i;
                    }
                    if (nextIsOptionalArgument(option, args, i)) {
                        apply(option, args[i]);
                        return i + 1;
                    }
                    apply(option, null);
                }
                default -> throw new UsageException("invalid option -- '" + c + "'");
            }
        }
        return i;
    }

    private void apply(String option, String value) throws UsageException {
        switch (option) {
            case "c" -> configDir = Path.of(value);
            case "D" -> noDetach = true;
            case "d" -> {
                if (value == null) {
                    debugLevel++;
                } else {
                    debugLevel = atoi(value);
                }
            }
            case "k" -> killSignal = value == null ? "TERM" : checkSignal(value);
            case "n" -> netname = value;
            case "K" -> {
                generateKeysBits = value == null ? 2048 : parseNonNegative(value, "BITS");
            }
            case "L" -> mlock = true;
            case "logfile" -> {
                logfile = true;
                logfilePath = value == null ? null : Path.of(value);
            }
            case "pidfile" -> pidfile = Path.of(value);
            case "o" -> options.add(value);
            case "R" -> chroot = true;
            case "U" -> user = value;
            case "bypass-security" -> bypassSecurity = true;
            case "help" -> help = true;
            case "version" -> version = true;
            default -> throw new IllegalStateException(option);
        }
    }

    private static int parseNonNegative(String value, String what) throws UsageException {
        try {
            int n = Integer.parseInt(value);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the message
        }
        throw new UsageException("Invalid argument `" + value + "'; " + what + " must be a non-negative number.");
    }

    /**
     * tincd reads -d's argument with atoi(), so {@code -dd} is level 0 and {@code -d5x} level 5 (checked against
     * the 1.0.36 binary); scripts that work with tincd must get the same level here.
     */
    private static int atoi(String value) {
        int n = 0;
        for (int k = 0; k < value.length() && Character.isDigit(value.charAt(k)) && n < 100000; k++) {
            n = n * 10 + (value.charAt(k) - '0');
        }
        return n;
    }

    private static String checkSignal(String value) throws UsageException {
        String upper = value.toUpperCase(Locale.ROOT);
        if (value.matches("\\d+") || SIGNALS.contains(upper)) {
            return upper;
        }
        throw new UsageException("Invalid argument `" + value
                + "'; SIGNAL must be a number or one of HUP, TERM, KILL, USR1, USR2, WINCH, INT or ALRM.");
    }

    public Optional<Path> configDir() {
        return Optional.ofNullable(configDir);
    }

    /** The usage text, with tincd's option list (spec §12.1) and our program name. */
    public static String usage(String program) {
        return "Usage: " + program + " [option]...\n\n"
                + "  -c, --config=DIR               Read configuration options from DIR.\n"
                + "  -D, --no-detach                Don't fork and detach.\n"
                + "  -d, --debug[=LEVEL]            Increase debug level or set it to LEVEL.\n"
                + "  -k, --kill[=SIGNAL]            Attempt to kill a running " + program + " and exit.\n"
                + "  -n, --net=NETNAME              Connect to net NETNAME.\n"
                + "  -K, --generate-keys[=BITS]     Generate public/private RSA keypair.\n"
                + "  -L, --mlock                    Lock " + program + " into main memory.\n"
                + "      --logfile[=FILENAME]       Write log entries to a logfile.\n"
                + "      --pidfile=FILENAME         Write PID to FILENAME.\n"
                + "  -o, --option=[HOST.]KEY=VALUE  Set global/host configuration value.\n"
                + "  -R, --chroot                   chroot to NET dir at startup (not implemented yet).\n"
                + "  -U, --user=USER                setuid to given USER at startup.\n"
                + "      --help                     Display this help and exit.\n"
                + "      --version                  Output version information and exit.\n\n"
                + "The configuration files are tincd 1.0's: see tinc.conf(5).\n";
    }
}
