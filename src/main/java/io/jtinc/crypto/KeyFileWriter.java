package io.jtinc.crypto;

import io.jtinc.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Appends a PEM key to a key file the way {@code tincd -K} does (spec §11.6, checked against tincd 1.0.36):
 * an empty line, then the PEM; earlier keys in the file are disabled by turning {@code -----BEGIN RSA} /
 * {@code -----END RSA} line starts into {@code -----BEGIN OLD} / {@code -----END OLD} (so
 * "RSA PRIVATE KEY" becomes "OLD PRIVATE KEY"), which no PEM reader recognises any more.
 */
final class KeyFileWriter {
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    /** Line starts only (UNIX_LINES: C's fgets splits on '\n' alone), as tincd compares each line's prefix. */
    private static final Pattern OLD_KEY_LINE = Pattern.compile("^-----(BEGIN|END) RSA",
            Pattern.MULTILINE | Pattern.UNIX_LINES);

    private KeyFileWriter() {
    }

    /**
     * @param secret true for a private key: the file ends up mode 0600 whatever the umask, and an existing
     *               file is narrowed to 0600 before the new key is written into it. A public key file that
     *               exists keeps its mode (tincd turns it into 0600 when it rewrites it; host files are meant
     *               to be shared, so we keep the operator's choice). A new file is created 0600 either way,
     *               as tincd's umask 077 does.
     * @return true when old keys were found and disabled
     */
    static boolean append(Path file, String pem, boolean secret) throws ConfigException {
        String addition = "\n" + pem;
        try {
            if (!Files.exists(file)) {
                createOwnerOnly(file, addition);
                return false;
            }
            if (secret) {
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            }
            String old = Files.readString(file, StandardCharsets.ISO_8859_1);
            Matcher m = OLD_KEY_LINE.matcher(old);
            if (!m.find()) {
                Files.writeString(file, addition, StandardCharsets.ISO_8859_1, StandardOpenOption.APPEND);
                return false;
            }
            String disabled = m.replaceAll("-----$1 OLD");
            Set<PosixFilePermission> mode = secret ? OWNER_ONLY : Files.getPosixFilePermissions(file);
            replaceAtomically(file, disabled + addition, mode);
            return true;
        } catch (NoSuchFileException e) {
            throw new ConfigException(file, 0, "cannot write the key: its directory " + e.getFile()
                    + " does not exist");
        } catch (IOException e) {
            throw new ConfigException(file, 0, "cannot write the key: " + e);
        }
    }

    /** Creates the file with 0600 at open(2) time, so it is never readable by others, not even briefly. */
    private static void createOwnerOnly(Path file, String content) throws IOException {
        try {
            Files.writeString(Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY)), content,
                    StandardCharsets.ISO_8859_1, StandardOpenOption.APPEND);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("the file appeared while it was being created; run -K again", e);
        }
        // The umask can only remove bits; setting the mode again makes it exactly 0600 (e.g. under umask 0277).
        Files.setPosixFilePermissions(file, OWNER_ONLY);
    }

    /** Writes a temporary file beside the target, then renames it over, so a crash never leaves half a file. */
    private static void replaceAtomically(Path file, String content, Set<PosixFilePermission> mode)
            throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp",
                PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        try {
            Files.writeString(tmp, content, StandardCharsets.ISO_8859_1, StandardOpenOption.TRUNCATE_EXISTING);
            Files.setPosixFilePermissions(tmp, mode);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
