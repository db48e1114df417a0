package io.jtinc.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtinc.cli.JtincMain;
import io.jtinc.cli.JtincdOptions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import org.junit.jupiter.api.Test;

class DocsTest {
    /** jtincd's documentation model lists exactly the options its real parser's help text lists. */
    @Test
    void jtincdModelHasTheParsersOptions() {
        Set<String> parser = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^\\s+(?:-(\\w), )?--([a-z-]+)").matcher(JtincdOptions.usage("jtincd"));
        while (m.find()) {
            parser.add("--" + m.group(2));
            if (m.group(1) != null) {
                parser.add("-" + m.group(1));
            }
        }
        Set<String> model = new TreeSet<>();
        for (OptionSpec o : new CommandLine(new JtincdModel()).getCommandSpec().options()) {
            if (!o.hidden()) {
                model.addAll(List.of(o.names()));
            }
        }
        assertEquals(parser, model);
    }

    @Test
    void manPageIsTroffWithEveryCommand() {
        String page = ManPage.render(new CommandLine(new JtincMain()).getCommandSpec(), "8", "1.2-3", Map.of(
                "FILES", List.of(".hidden line", "back\\slash")));
        assertTrue(page.startsWith(".TH \"JTINC\" 8 \"\" \"jtinc 1.2\\-3\" \"jtinc manual\"\n"), page);
        for (String command : List.of("dump", "info", "log", "init", "invite", "join", "start\\-boot", "enable",
                "disable", "reload", "retry", "stop", "pid", "generate\\-keys")) {
            assertTrue(page.contains("\n.SS \"" + command), command + " in\n" + page);
        }
        assertTrue(page.contains("\\fB\\-\\-config\\-root\\fR=\\fIDIR\\fR"), page);
        // Text lines never start with a control character, backslashes are escaped, picocli's %n is gone.
        assertTrue(page.contains("\n\\&.hidden line\n"), page);
        assertTrue(page.contains("back\\eslash"), page);
        assertFalse(page.contains("%n"), page);
    }

    @Test
    void completionKnowsTheSubcommands() {
        String bash = AutoComplete.bash("jtinc", new CommandLine(new JtincMain()));
        assertTrue(bash.contains("start-boot") && bash.contains("invite") && bash.contains("--config-root"));
        assertTrue(bash.contains("complete -F _complete_jtinc"));
    }
}
