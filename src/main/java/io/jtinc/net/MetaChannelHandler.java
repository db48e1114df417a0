package io.jtinc.net;

import io.jtinc.log.Log;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/** Hands a meta connection's bytes to its session; no framing here, the protocol core does it byte-exactly. */
final class MetaChannelHandler extends ChannelInboundHandlerAdapter {
    private final MetaSession session;
    private boolean closed;

    MetaChannelHandler(MetaSession session) {
        this.session = session;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        try {
            if (!closed) {
                session.onBytes(buf);
            }
        } finally {
            buf.release();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!closed) {
            closed = true;
            session.onClosed();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Log.debug(Log.CONNECTIONS, "Error on meta connection " + ctx.channel().remoteAddress() + ": "
                + cause.getMessage());
        ctx.close();
    }
}
