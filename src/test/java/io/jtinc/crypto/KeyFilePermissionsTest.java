package io.jtinc.crypto;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jtinc.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KeyFilePermissionsTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"rw-r-----,0640", "rw----r--,0604", "rw-rw-rw-,0666", "rw---x---,0610", "r------w-,0402"})
    void refusesGroupOrOtherAccessNamingModeAndFix(String rwx, String octal) throws Exception {
        Path key = Files.writeString(dir.resolve("rsa_key.priv"), "x");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString(rwx));
        ConfigException e = assertThrows(ConfigException.class, () -> KeyFilePermissions.checkPrivate(key));
        assertEquals(key + ": insecure permissions " + octal + " on the RSA private key (group or others have "
                + "access); fix with: chmod 600 " + key, e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-------", "r--------"})
    void acceptsOwnerOnly(String rwx) throws Exception {
        Path key = Files.writeString(dir.resolve("rsa_key.priv"), "x");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString(rwx));
        assertDoesNotThrow(() -> KeyFilePermissions.checkPrivate(key));
    }

    @org.junit.jupiter.api.Test
    void missingFileIsAConfigError() {
        Path key = dir.resolve("absent");
        ConfigException e = assertThrows(ConfigException.class, () -> KeyFilePermissions.checkPrivate(key));
        assertEquals(key + ": cannot read the RSA private key: no such file", e.getMessage());
    }
}
