package io.jtinc.crypto;

import io.jtinc.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/** Permission rules for files that hold secret keys. */
public final class KeyFilePermissions {
    /** The bits a private key file must not have: any access by group or others (like tincd's mode & 077 test). */
    private static final Set<PosixFilePermission> FORBIDDEN = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private KeyFilePermissions() {
    }

    /**
     * Refuses a private key file that group or others may access (read, write, or execute). tincd only warns
     * ("insecure file permissions"); jtinc refuses, as the DEVELOPERS guide requires, because a key that others
     * could read must be assumed leaked. The link target is checked, since that is what gets read.
     */
    public static void checkPrivate(Path file) throws ConfigException {
        Set<PosixFilePermission> perms;
        try {
            perms = Files.getPosixFilePermissions(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file, 0, "cannot read the RSA private key: no such file");
        } catch (UnsupportedOperationException e) {
            // Without POSIX modes (e.g. a FAT mount) we cannot prove the key is private, so we do not use it.
            throw new ConfigException(file, 0, "cannot check the permissions of the RSA private key: the file "
                    + "system has no POSIX modes; keep the key on a file system that has them, with mode 600");
        } catch (IOException e) {
            throw new ConfigException(file, 0, "cannot check the permissions of the RSA private key: "
                    + e.getMessage());
        }
        Set<PosixFilePermission> bad = EnumSet.noneOf(PosixFilePermission.class);
        bad.addAll(perms);
        bad.retainAll(FORBIDDEN);
        if (!bad.isEmpty()) {
            throw new ConfigException(file, 0, "insecure permissions " + octal(perms)
                    + " on the RSA private key (group or others have access); fix with: chmod 600 " + file);
        }
    }

    /** Mode bits as "0640" for messages (operators think in chmod numbers, not rwx sets). */
    static String octal(Set<PosixFilePermission> perms) {
        int mode = 0;
        for (PosixFilePermission p : perms) {
            // The enum is declared owner r,w,x, group r,w,x, others r,w,x: ordinal 0 is the 0400 bit.
            mode |= 0400 >> p.ordinal();
        }
        return String.format("%04o", mode);
    }
}
