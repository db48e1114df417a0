package io.jtinc.protocol.meta;

import java.util.ArrayList;
import java.util.List;

/**
 * Test-only access to the encrypted output stream of a {@link MetaConnection}, for hostile-input tests: unlike
 * {@link MetaConnection#sendLine} it sends lines of any length (a real node never would, tincd could not read
 * them), so a test can check that the receiver survives them.
 */
public final class RawMetaLines {
    private RawMetaLines() {
    }

    /** {@code text} plus a newline, encrypted if the stream is, without any length check. */
    public static List<MetaAction> sendUnchecked(MetaConnection c, String text) {
        List<MetaAction> out = new ArrayList<>(1);
        c.send(out, text);
        return out;
    }
}
