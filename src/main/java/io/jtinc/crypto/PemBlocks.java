package io.jtinc.crypto;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds PEM blocks in a file's text the way OpenSSL's {@code PEM_read_*} behave for tinc: lines outside blocks
 * (a host file's {@code Address = ...}) are ignored, and blocks of other types are skipped without being decoded.
 * Skipping without decoding matters because {@code tincd -K} leaves disabled keys behind as
 * {@code -----BEGIN OLD PUBLIC KEY-----}, and those must never stop us from reaching the current key.
 * Our own scanner (rather than BC's PemReader) gives exactly that and decodes only the block we asked for.
 */
final class PemBlocks {
    /** A decoded block. {@code hasHeaders} is true for RFC 1421 headers (Proc-Type/DEK-Info = legacy encryption). */
    record Block(String type, boolean hasHeaders, byte[] der) {
    }

    private PemBlocks() {
    }

    /**
     * The first block whose type is one of {@code types}, in file order.
     *
     * @throws IllegalArgumentException when that block is unterminated or not valid base64
     */
    static Optional<Block> first(String text, Set<String> types) {
        List<String> lines = text.lines().map(PemBlocks::stripTrailing).toList();
        for (int i = 0; i < lines.size(); i++) {
            String type = beginType(lines.get(i));
            if (type == null || !types.contains(type)) {
                continue;
            }
            String end = "-----END " + type + "-----";
            StringBuilder base64 = new StringBuilder();
            boolean headers = false;
            for (int j = i + 1; j < lines.size(); j++) {
                String line = lines.get(j);
                if (line.equals(end)) {
                    try {
                        return Optional.of(new Block(type, headers, Base64.getDecoder().decode(base64.toString())));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("the \"" + type + "\" PEM block is not valid base64", e);
                    }
                }
                if (line.indexOf(':') >= 0) {
                    // Base64 never contains ':', so this is a header line such as "Proc-Type: 4,ENCRYPTED".
                    headers = true;
                } else {
                    base64.append(line.strip());
                }
            }
            throw new IllegalArgumentException("the \"" + type + "\" PEM block has no \"" + end + "\" line");
        }
        return Optional.empty();
    }

    /** The PEM text of {@code der}: 64-column base64 and '\n' line ends, as OpenSSL (and so tincd -K) writes. */
    static String encode(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    /** Every "-----BEGIN X-----" type in the file, in order (for diagnostics; never contains key material). */
    static List<String> types(String text) {
        List<String> out = new ArrayList<>();
        text.lines().map(PemBlocks::stripTrailing).map(PemBlocks::beginType).filter(t -> t != null).forEach(out::add);
        return out;
    }

    private static String beginType(String line) {
        if (line.startsWith("-----BEGIN ") && line.endsWith("-----") && line.length() > 16) {
            return line.substring(11, line.length() - 5);
        }
        return null;
    }

    private static String stripTrailing(String s) {
        return s.stripTrailing();
    }
}
