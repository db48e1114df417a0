package io.jtinc.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.nio.channels.ConnectionPendingException;
import org.junit.jupiter.api.Test;

class OutgoingConnectorTest {
    @Test
    void connectFailureTextsNeverReadNull() {
        // What Netty's epoll transport gives for ENETUNREACH after annotating it with the address.
        assertEquals("Network is unreachable",
                OutgoingConnector.reason(new NoRouteToHostException("null: /10.77.0.1:655")));
        assertEquals("Network is unreachable", OutgoingConnector.reason(new NoRouteToHostException()));
        assertEquals("ConnectionPendingException", OutgoingConnector.reason(new ConnectionPendingException()));
        // A real message stays as it is (the JDK's NIO transport: EHOSTUNREACH is "No route to host").
        assertEquals("No route to host", OutgoingConnector.reason(new NoRouteToHostException("No route to host")));
        assertEquals("finishConnect(..) failed with error(-111): Connection refused: /10.77.0.1:655",
                OutgoingConnector.reason(new ConnectException(
                        "finishConnect(..) failed with error(-111): Connection refused: /10.77.0.1:655")));
    }
}
