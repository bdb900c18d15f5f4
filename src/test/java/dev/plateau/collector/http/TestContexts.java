package dev.plateau.collector.http;

import dev.plateau.collector.ChunkQueue;
import dev.plateau.collector.CollectorConfig;
import dev.plateau.collector.ConnectionRegistry;
import dev.plateau.collector.IngestCounters;
import dev.plateau.collector.Policies;
import dev.plateau.events.EventLog;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.util.concurrent.atomic.AtomicInteger;

/** Builds an {@link IngestContext} for handler tests from a config and an allocator. */
final class TestContexts {
    private TestContexts() {
    }

    static IngestContext of(CollectorConfig config, ByteBufAllocator allocator, ChunkQueue queue, Encoders encoders) {
        EventLog events = new EventLog();
        return new IngestContext(config, new Policies(config.shrink(), config.reinit(), config.idleTimeout(), events),
                events, new ConnectionRegistry(), new IngestCounters(), queue, encoders, allocator,
                new DefaultChannelGroup(GlobalEventExecutor.INSTANCE), new AtomicInteger(), Responses.success(config));
    }
}
