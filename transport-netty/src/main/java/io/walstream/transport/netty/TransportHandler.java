package io.walstream.transport.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline's last handler: hands inbound bytes, end of input and failures to the {@link NettyByteSource},
 * and writability changes to the {@link NettyByteSink}. Nothing reaches Netty's tail handler, so Netty logs no
 * "discarded" warnings; the transport reports every event to its caller instead.
 *
 * <p><b>Thread safety:</b> used only by its channel's event loop; not sharable between channels.
 */
final class TransportHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(TransportHandler.class);

    private final NettyByteSource source;
    private final NettyByteSink sink;

    TransportHandler(NettyByteSource source, NettyByteSink sink) {
        this.source = source;
        this.sink = sink;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        source.bind(ctx.channel());
        sink.bind(ctx.channel());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf) {
            source.onData((ByteBuf) msg);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == ChannelInputShutdownEvent.INSTANCE) {
            source.onEndOfStream();
        }
        ReferenceCountUtil.release(evt);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        sink.onWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        source.onEndOfStream();
        sink.onWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("netty channel {} failed", ctx.channel(), cause);
        source.onFailure(cause);
        sink.onWritabilityChanged();
    }
}
