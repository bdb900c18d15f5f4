package dev.plateau.collector.output;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;

/** Pipeline of the {@link HttpOutput} connection: HTTP client codec → aggregator (answers up to 1 MiB) → waiter. */
final class HttpOutputInitializer extends ChannelInitializer<SocketChannel> {
    static final int MAX_ANSWER = 1 << 20;

    @Override
    protected void initChannel(SocketChannel ch) {
        ch.pipeline()
                .addLast("codec", new HttpClientCodec())
                .addLast("aggregator", new HttpObjectAggregator(MAX_ANSWER))
                .addLast("waiter", new HttpResponseWaiter());
    }
}
