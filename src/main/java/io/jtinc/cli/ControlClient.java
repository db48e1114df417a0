package io.jtinc.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The client side of jtincd's control socket (control.ControlServer): one request line, then the answer. */
final class ControlClient {
    private ControlClient() {
    }

    /** Whether a daemon's control socket exists at {@code socket} (it may still refuse us: permissions). */
    static boolean available(Path socket) {
        return Files.exists(socket);
    }

    /**
     * Sends {@code request} and copies the answer's body to {@code out} line by line until the daemon closes.
     *
     * @return 0 on OK, 1 on an ERROR answer (printed to err) or when the socket cannot be used
     */
    static int request(Path socket, String request, PrintStream out, PrintStream err) {
        if (!available(socket)) {
            err.println("No control socket " + socket + ": is jtincd running for this net? (start it, or pass "
                    + "--pidfile as given to jtincd)");
            return 1;
        }
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.write(ByteBuffer.wrap((request + "\n").getBytes(StandardCharsets.UTF_8)));
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch),
                    StandardCharsets.UTF_8));
            String status = in.readLine();
            if (status == null) {
                err.println("jtincd closed the control connection without an answer");
                return 1;
            }
            if (status.startsWith("ERROR")) {
                err.println("jtincd: " + status.substring(5).trim());
                return 1;
            }
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                out.println(line);
                out.flush();
            }
            return 0;
        } catch (IOException e) {
            err.println("Could not use control socket " + socket + ": " + e.getMessage()
                    + (e.getMessage() != null && e.getMessage().contains("denied")
                            ? " (it is for root and the jtinc group)" : ""));
            return 1;
        }
    }
}
