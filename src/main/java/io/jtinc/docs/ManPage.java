package io.jtinc.docs;

import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * A man page in troff (the man macros) from a picocli CommandSpec: name, synopsis, description, options, and each
 * subcommand with its own parameters and options. Written here instead of picocli-codegen's ManPageGenerator,
 * which makes AsciiDoc and would need Asciidoctor in the build to become troff.
 */
public final class ManPage {
    private final StringBuilder out = new StringBuilder();

    private ManPage() {
    }

    /**
     * @param section   the manual section ("8" for a program in /usr/sbin)
     * @param version   shown in the footer
     * @param extra     further sections after the generated ones, title to paragraphs, in order
     */
    public static String render(CommandSpec spec, String section, String version, Map<String, List<String>> extra) {
        ManPage page = new ManPage();
        page.write(spec, section, version, extra);
        return page.out.toString();
    }

    private void write(CommandSpec spec, String section, String version, Map<String, List<String>> extra) {
        String name = spec.name();
        line(".TH " + quote(name.toUpperCase(java.util.Locale.ROOT)) + " " + section + " \"\" "
                + quote("jtinc " + version) + " " + quote("jtinc manual"));
        line(".SH NAME");
        line(escape(name) + " \\- " + escape(firstSentence(spec)));
        line(".SH SYNOPSIS");
        line(".B " + escape(name));
        line(spec.subcommands().isEmpty() ? "[\\fIOPTION\\fR]..." : "[\\fIOPTION\\fR]... \\fICOMMAND\\fR [\\fIARGS\\fR]...");
        line(".SH DESCRIPTION");
        for (String paragraph : spec.usageMessage().description()) {
            line(".PP");
            text(paragraph);
        }
        line(".SH OPTIONS");
        options(spec);
        if (!spec.subcommands().isEmpty()) {
            line(".SH COMMANDS");
            for (Map.Entry<String, CommandLine> sub : spec.subcommands().entrySet()) {
                CommandSpec s = sub.getValue().getCommandSpec();
                if (!s.name().equals(sub.getKey()) || s.usageMessage().hidden()) {
                    continue; // an alias: listed under its command
                }
                line(".SS " + quote(synopsis(s)));
                for (String paragraph : s.usageMessage().description()) {
                    text(paragraph);
                }
                if (!s.options().isEmpty() || !s.positionalParameters().isEmpty()) {
                    line(".RS");
                    for (PositionalParamSpec p : s.positionalParameters()) {
                        if (!p.hidden()) {
                            entry("\\fI" + escape(p.paramLabel()) + "\\fR", p.description());
                        }
                    }
                    options(s);
                    line(".RE");
                }
            }
        }
        for (Map.Entry<String, List<String>> section2 : extra.entrySet()) {
            line(".SH " + quote(section2.getKey()));
            for (String paragraph : section2.getValue()) {
                if (paragraph.startsWith("$ ")) {
                    line(".PP");
                    line(".nf");
                    line(".RS");
                    text(paragraph.substring(2));
                    line(".RE");
                    line(".fi");
                } else {
                    line(".PP");
                    text(paragraph);
                }
            }
        }
    }

    /** The NAME line: the command's header when it has one, else its description's first sentence. */
    private static String firstSentence(CommandSpec spec) {
        if (spec.usageMessage().header().length > 0) {
            return spec.usageMessage().header()[0];
        }
        String[] description = spec.usageMessage().description();
        String first = description.length == 0 ? spec.name() : description[0];
        int dot = first.indexOf(". ");
        return dot < 0 ? first.replaceAll("\\.$", "") : first.substring(0, dot);
    }

    private static String synopsis(CommandSpec s) {
        StringBuilder b = new StringBuilder(s.name());
        for (PositionalParamSpec p : s.positionalParameters()) {
            if (!p.hidden()) {
                boolean optional = p.arity().min() == 0;
                b.append(' ').append(optional ? "[" : "").append(p.paramLabel()).append(optional ? "]" : "");
            }
        }
        for (OptionSpec o : s.options()) {
            if (!o.hidden() && !o.usageHelp() && !o.versionHelp()) {
                b.append(" [").append(o.longestName()).append(o.arity().max() == 0 ? ""
                        : " " + o.paramLabel()).append("]");
            }
        }
        return b.toString();
    }

    private void options(CommandSpec spec) {
        for (OptionSpec o : spec.options()) {
            if (o.hidden()) {
                continue;
            }
            StringBuilder names = new StringBuilder();
            for (String n : o.names()) {
                if (names.length() > 0) {
                    names.append(", ");
                }
                names.append("\\fB").append(escape(n)).append("\\fR");
            }
            if (o.arity().max() > 0) {
                String label = "\\fI" + escape(o.paramLabel()) + "\\fR";
                names.append(o.arity().min() == 0 ? "[=" + label + "]" : "=" + label);
            }
            entry(names.toString(), o.description());
        }
    }

    private void entry(String term, String[] description) {
        line(".TP");
        line(term);
        text(String.join(" ", description));
    }

    /** Running text: escaped, and no line may start with a control character ('.' or '\''). */
    private void text(String s) {
        // picocli descriptions are format strings: %n is a line break, %% a percent sign.
        String plain = s.replace("%n", "\n").replace("%%", "%").strip();
        for (String l : plain.split("\n+", -1)) {
            String e = escape(l);
            line(e.startsWith(".") || e.startsWith("'") ? "\\&" + e : e);
        }
    }

    static String escape(String s) {
        return s.replace("\\", "\\e").replace("-", "\\-");
    }

    private static String quote(String s) {
        return "\"" + escape(s).replace("\"", "\\(dq") + "\"";
    }

    private void line(String s) {
        out.append(s).append('\n');
    }
}
