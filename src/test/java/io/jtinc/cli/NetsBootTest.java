package io.jtinc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetsBootTest {
    @TempDir
    Path dir;

    @Test
    void readsNamesSkippingCommentsBlanksAndDuplicates() throws Exception {
        Path f = dir.resolve("nets.boot");
        Files.writeString(f, "# nets\n\nv6net   # the Pi's\n  lab\nv6net\n#old\n");
        assertEquals(List.of("v6net", "lab"), NetsBoot.read(f));
        assertEquals(List.of(), NetsBoot.read(dir.resolve("missing")));
    }

    @Test
    void enableAndDisableEditOnlyTheirLine() throws Exception {
        Path f = dir.resolve("etc/nets.boot");
        assertTrue(NetsBoot.enable(f, "v6net"));
        assertFalse(NetsBoot.enable(f, "v6net"), "no duplicate");
        assertTrue(NetsBoot.enable(f, "lab"));
        Files.writeString(f, Files.readString(f) + "# keep me\n");
        assertTrue(NetsBoot.disable(f, "v6net"));
        assertFalse(NetsBoot.disable(f, "v6net"));
        assertEquals(List.of("lab"), NetsBoot.read(f));
        assertTrue(Files.readString(f).contains("# keep me"));
    }

    @Test
    void netNamesThatWouldEscapeTheConfigRootAreRefused() {
        assertTrue(NetsBoot.validNet("v6net"));
        assertTrue(NetsBoot.validNet("home-lab.2"));
        assertFalse(NetsBoot.validNet(".."));
        assertFalse(NetsBoot.validNet("a/b"));
        assertFalse(NetsBoot.validNet(""));
    }
}
