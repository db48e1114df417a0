package io.jtinc.crypto;

import io.jtinc.config.ConfigException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPrivateKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * RSA keys in the PEM forms tincd 1.0.36 reads and writes (spec §11.6). BC parses and encodes the ASN.1; the
 * JDK's own "RSA" KeyFactory builds the key objects, so BC is never registered as a JCA provider.
 *
 * <p>Error messages name the file and what was wrong but never contain key material.
 */
public final class RsaKeyPem {
    static final String PKCS1_PRIVATE = "RSA PRIVATE KEY";
    static final String PKCS8_PRIVATE = "PRIVATE KEY";
    static final String PKCS8_ENCRYPTED = "ENCRYPTED PRIVATE KEY";
    static final String PKCS1_PUBLIC = "RSA PUBLIC KEY";
    static final String SPKI_PUBLIC = "PUBLIC KEY";

    /** The exponent tincd assumes for the obsolete hex {@code PublicKey} form ({@code BN_hex2bn(&e, "FFFF")}). */
    static final BigInteger HEX_FORM_EXPONENT = BigInteger.valueOf(0xFFFF);

    private RsaKeyPem() {
    }

    /**
     * Reads the first private key block in the file: PKCS#1 "RSA PRIVATE KEY" (what tincd -K writes) or PKCS#8
     * "PRIVATE KEY" (OpenSSL's reader takes both). Encrypted keys are refused: tincd would prompt for a passphrase
     * on a terminal, and a daemon cannot.
     */
    public static RSAPrivateCrtKey readPrivateKey(Path file) throws ConfigException {
        String text = readText(file, "RSA private key");
        PemBlocks.Block block = find(file, text, Set.of(PKCS1_PRIVATE, PKCS8_PRIVATE, PKCS8_ENCRYPTED))
                .orElseThrow(() -> new ConfigException(file, 0, "no \"-----BEGIN " + PKCS1_PRIVATE
                        + "-----\" block found" + disabledHint(text) + "; generate a key with jtincd -n NET -K"));
        if (block.type().equals(PKCS8_ENCRYPTED) || block.hasHeaders()) {
            throw new ConfigException(file, 0, "the RSA private key is encrypted, which a daemon cannot unlock; "
                    + "decrypt it with: openssl rsa -traditional -in " + file + " -out " + file + ".new");
        }
        try {
            org.bouncycastle.asn1.pkcs.RSAPrivateKey k;
            if (block.type().equals(PKCS1_PRIVATE)) {
                k = org.bouncycastle.asn1.pkcs.RSAPrivateKey.getInstance(block.der());
            } else {
                PrivateKeyInfo info = PrivateKeyInfo.getInstance(block.der());
                if (!PKCSObjectIdentifiers.rsaEncryption.equals(info.getPrivateKeyAlgorithm().getAlgorithm())) {
                    throw new ConfigException(file, 0, "the \"PRIVATE KEY\" block holds a non-RSA key (algorithm "
                            + info.getPrivateKeyAlgorithm().getAlgorithm() + "); tinc 1.0 needs an RSA key");
                }
                k = org.bouncycastle.asn1.pkcs.RSAPrivateKey.getInstance(info.parsePrivateKey());
            }
            RSAPrivateCrtKeySpec spec = new RSAPrivateCrtKeySpec(k.getModulus(), k.getPublicExponent(),
                    k.getPrivateExponent(), k.getPrime1(), k.getPrime2(), k.getExponent1(), k.getExponent2(),
                    k.getCoefficient());
            return (RSAPrivateCrtKey) rsa().generatePrivate(spec);
        } catch (ConfigException e) {
            throw e;
        } catch (GeneralSecurityException | RuntimeException | IOException e) {
            // BC throws IllegalArgumentException for malformed DER; the JDK rejects absurd sizes.
            throw new ConfigException(file, 0, "the \"" + block.type() + "\" block is not a valid RSA private key ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * Reads a public key like tincd's {@code read_rsa_public_key}: the first "RSA PUBLIC KEY" (PKCS#1) block
     * anywhere in the file, else the first "PUBLIC KEY" (SPKI) block. Other lines of a host file are skipped.
     */
    public static RSAPublicKey readPublicKey(Path file) throws ConfigException {
        String text = readText(file, "RSA public key");
        return findPublicKey(file, text).orElseThrow(() -> new ConfigException(file, 0,
                "no \"-----BEGIN " + PKCS1_PUBLIC + "-----\" (or \"-----BEGIN " + SPKI_PUBLIC + "-----\") block found"
                        + disabledHint(text)));
    }

    /** Like {@link #readPublicKey} but empty when the file holds no public key block (callers add the advice). */
    static Optional<RSAPublicKey> findPublicKey(Path file, String text) throws ConfigException {
        // Two passes, not "first of either type": tincd tries PEM_read_RSAPublicKey on the whole file before
        // PEM_read_RSA_PUBKEY, so a PKCS#1 block wins even when an SPKI block comes earlier.
        Optional<PemBlocks.Block> block = find(file, text, Set.of(PKCS1_PUBLIC));
        if (block.isEmpty()) {
            block = find(file, text, Set.of(SPKI_PUBLIC));
        }
        if (block.isEmpty()) {
            return Optional.empty();
        }
        PemBlocks.Block b = block.get();
        try {
            org.bouncycastle.asn1.pkcs.RSAPublicKey k;
            if (b.type().equals(PKCS1_PUBLIC)) {
                k = org.bouncycastle.asn1.pkcs.RSAPublicKey.getInstance(b.der());
            } else {
                SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(b.der());
                if (!PKCSObjectIdentifiers.rsaEncryption.equals(info.getAlgorithm().getAlgorithm())) {
                    throw new ConfigException(file, 0, "the \"PUBLIC KEY\" block holds a non-RSA key (algorithm "
                            + info.getAlgorithm().getAlgorithm() + "); tinc 1.0 needs an RSA key");
                }
                k = org.bouncycastle.asn1.pkcs.RSAPublicKey.getInstance(info.parsePublicKey());
            }
            return Optional.of(publicKey(k.getModulus(), k.getPublicExponent()));
        } catch (ConfigException e) {
            throw e;
        } catch (RuntimeException | IOException e) {
            throw new ConfigException(file, 0, "the \"" + b.type() + "\" block is not a valid RSA public key ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** PKCS#1 "RSA PRIVATE KEY" PEM, byte for byte the form tincd -K writes (without its leading empty line). */
    public static String privateKeyPem(RSAPrivateCrtKey key) {
        org.bouncycastle.asn1.pkcs.RSAPrivateKey k = new org.bouncycastle.asn1.pkcs.RSAPrivateKey(key.getModulus(),
                key.getPublicExponent(), key.getPrivateExponent(), key.getPrimeP(), key.getPrimeQ(),
                key.getPrimeExponentP(), key.getPrimeExponentQ(), key.getCrtCoefficient());
        return PemBlocks.encode(PKCS1_PRIVATE, der(k));
    }

    /** PKCS#1 "RSA PUBLIC KEY" PEM (not BC's default SPKI "PUBLIC KEY"), as tincd -K appends to hosts/NAME. */
    public static String publicKeyPem(RSAPublicKey key) {
        return PemBlocks.encode(PKCS1_PUBLIC,
                der(new org.bouncycastle.asn1.pkcs.RSAPublicKey(key.getModulus(), key.getPublicExponent())));
    }

    /**
     * The obsolete {@code PublicKey = HEX} form: the hex is the modulus and the exponent is 0xFFFF. That is a
     * tinc quirk (not 65537); keys from such configs only work with it.
     *
     * @throws IllegalArgumentException when the text is not hex or not a usable RSA modulus
     */
    public static RSAPublicKey publicKeyFromHex(String modulusHex) {
        return publicKey(hex(modulusHex, "PublicKey"), HEX_FORM_EXPONENT);
    }

    /**
     * The obsolete {@code PrivateKey = HEX} (d) + {@code PublicKey = HEX} (n) form. Without the primes this is
     * not a CRT key, which only makes private operations slower.
     *
     * @throws IllegalArgumentException when either text is not hex or the pair is not a usable RSA key
     */
    public static RSAPrivateKey privateKeyFromHex(String dHex, String modulusHex) {
        try {
            return (RSAPrivateKey) rsa().generatePrivate(
                    new RSAPrivateKeySpec(hex(modulusHex, "PublicKey"), hex(dHex, "PrivateKey")));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("PrivateKey/PublicKey do not form a usable RSA key: " + e.getMessage());
        }
    }

    static RSAPublicKey publicKey(BigInteger n, BigInteger e) {
        try {
            return (RSAPublicKey) rsa().generatePublic(new RSAPublicKeySpec(n, e));
        } catch (GeneralSecurityException ex) {
            throw new IllegalArgumentException("not a usable RSA public key: " + ex.getMessage());
        }
    }

    private static BigInteger hex(String text, String variable) {
        String t = text == null ? "" : text.strip();
        // ASCII only: Character.digit would also accept non-ASCII digits that tincd's BN_hex2bn never would.
        if (!t.matches("[0-9A-Fa-f]+")) {
            // Do not echo the value: for PrivateKey it is the secret exponent.
            throw new IllegalArgumentException(variable + " must be a hexadecimal number");
        }
        return new BigInteger(t, 16);
    }

    private static Optional<PemBlocks.Block> find(Path file, String text, Set<String> types)
            throws ConfigException {
        try {
            return PemBlocks.first(text, types);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file, 0, e.getMessage());
        }
    }

    private static String disabledHint(String text) {
        List<String> old = PemBlocks.types(text).stream().filter(t -> t.startsWith("OLD ")).toList();
        return old.isEmpty() ? "" : " (only keys disabled by -K as \"-----BEGIN " + old.get(0) + "-----\")";
    }

    static String readText(Path file, String what) throws ConfigException {
        try {
            // ISO-8859-1 maps every byte, so a stray non-UTF-8 byte in a comment cannot make the read fail.
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file, 0, "cannot read the " + what + ": no such file");
        } catch (IOException e) {
            throw new ConfigException(file, 0, "cannot read the " + what + ": " + e.getMessage());
        }
    }

    private static byte[] der(org.bouncycastle.asn1.ASN1Object o) {
        try {
            return o.getEncoded("DER");
        } catch (IOException e) {
            throw new IllegalStateException("DER encoding failed", e); // cannot happen for in-memory integers
        }
    }

    private static KeyFactory rsa() {
        try {
            return KeyFactory.getInstance("RSA");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no RSA KeyFactory", e);
        }
    }
}
