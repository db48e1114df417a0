package io.jtinc.protocol.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RequestCodecTest {
    private static final String H512 = "3DE95EE2".repeat(64);
    private static final String H96 = "63C2D057".repeat(12);

    /** Every observed example of spec §2.2 parses and formats back byte for byte. */
    static java.util.stream.Stream<String> examples() {
        return java.util.stream.Stream.of("0 alpha 17", "1 429 672 0 0 " + H512, "2 " + H512,
            "3 485297C94FA3B3607CDC55101BE3EAC5E983917223052D17B4D138BE2CE3CC69", "4 655 4 c",
            "10 6910c762 alpha fd00:10:0:0:0:0:0:1/128#10", "10 ed83459 alpha 2:0:0:0:0:1#10",
            "12 2b140a67 alpha beta 10.99.0.2 655 c 4", "13 5a3691c8 alpha beta", "11 2c1e87c9 beta 2:0:0:0:0:2#10",
            "15 beta alpha", "16 alpha beta " + H96 + " 427 672 4 0", "16 alpha beta " + H96 + " 427 672 4 0 10.0.0.1 655",
            "14 7fffffff alpha", "17 1314", "8", "9", "12 ffffffff a b 10.0.0.1 655 ff000000 -1");
    }

    @ParameterizedTest
    @MethodSource("examples")
    void spec22ExamplesRoundTrip(String line) throws Exception {
        assertEquals(line, RequestParser.parse(line).format());
    }

    @Test
    void fieldsLandWhereTincdPutsThem() throws Exception {
        var e = assertInstanceOf(MetaRequest.AddEdge.class,
                RequestParser.parse("12 2b140a67 alpha beta 10.99.0.2 655 c 4"));
        assertEquals(0x2b140a67, e.nonce());
        assertEquals("10.99.0.2", e.address());
        assertEquals(0xc, e.options());
        assertEquals(4, e.weight());
        var k = assertInstanceOf(MetaRequest.AnsKey.class, RequestParser.parse("16 a b " + H96 + " 427 672 4 0"));
        assertNull(k.address());
        assertEquals(427, k.cipherNid());
        var id = assertInstanceOf(MetaRequest.Id.class, RequestParser.parse("0 tinc11 17.7"));
        assertEquals(17, id.version());
        assertEquals("0 tinc11 17", id.format());
        // sscanf ignores runs of whitespace and extra tokens; we format with single spaces.
        assertEquals("4 655 4 c", RequestParser.parse("4  655\t4 c extra").format());
    }

    @Test
    void formattersUseTincdCase() {
        assertEquals("1 429 672 0 0 00ABFF", MetaRequest.MetaKey.ofBytes(429, 672, 0, 0, new byte[] {0, (byte) 0xab, -1})
                .format());
        assertEquals("2 0A", MetaRequest.Challenge.ofBytes(new byte[] {10}).format());
        assertEquals("4 655 1234 c", new MetaRequest.Ack("655", 1234, 12).format());
        assertEquals("10 ed83459 alpha 10.0.0.0/8#10", new MetaRequest.AddSubnet(0xed83459, "alpha", "10.0.0.0/8#10")
                .format());
        assertEquals("17 0", new MetaRequest.Packet(0).format());
    }

    private static Rejection rejection(String line) {
        return assertThrows(MalformedRequestException.class, () -> RequestParser.parse(line)).rejection();
    }

    @Test
    void garbageIsRejectedWithAReason() {
        assertEquals(Rejection.UNKNOWN_REQUEST, rejection("99 x"));
        assertEquals(Rejection.UNKNOWN_REQUEST, rejection("-1"));
        assertEquals(Rejection.UNKNOWN_REQUEST, rejection("5"));
        assertEquals(Rejection.UNKNOWN_REQUEST, rejection("6"));
        assertEquals(Rejection.UNKNOWN_REQUEST, rejection("7"));
        assertEquals(Rejection.BOGUS_DATA, rejection("hello"));
        assertEquals(Rejection.BOGUS_DATA, rejection(""));
        assertEquals(Rejection.INVALID_NAME, rejection("0 bad-name 17"));
        assertEquals(Rejection.INVALID_NAME, rejection("12 1 a a 10.0.0.1 655 c 4"));
        assertEquals(Rejection.INVALID_NAME, rejection("13 1 a a"));
        assertEquals(Rejection.INVALID_NAME, rejection("15 a b.c"));
        assertEquals(Rejection.BAD_REQUEST, rejection("0 alpha"));
        assertEquals(Rejection.BAD_REQUEST, rejection("0 alpha x17"));
        assertEquals(Rejection.BAD_REQUEST, rejection("4 655 4x c"));
        assertEquals(Rejection.BAD_REQUEST, rejection("4 655 4 zz"));
        assertEquals(Rejection.BAD_REQUEST, rejection("4 655 99999999999 c"));
        assertEquals(Rejection.BAD_REQUEST, rejection("12 123456789 a b 10.0.0.1 655 c 4"));
        assertEquals(Rejection.BAD_REQUEST, rejection("12 1 a b 10.0.0.1 655 c"));
        assertEquals(Rejection.BAD_REQUEST, rejection("16 a b " + H96 + " 427 672 4"));
        assertEquals(Rejection.BAD_REQUEST, rejection("17 65536"));
        assertEquals(Rejection.BAD_REQUEST, rejection("17 -1"));
        assertEquals(Rejection.BAD_REQUEST, rejection("10 1 a " + "x".repeat(2049)));
        assertEquals("10 1 a " + "x".repeat(2048), assertDoesNotThrow("10 1 a " + "x".repeat(2048)));
    }

    private static String assertDoesNotThrow(String line) {
        try {
            return RequestParser.parse(line).format();
        } catch (MalformedRequestException e) {
            throw new AssertionError(e);
        }
    }
}
