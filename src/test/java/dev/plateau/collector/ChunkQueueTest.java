package dev.plateau.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ChunkQueueTest {
    static Chunk chunk(String tag, int bytes, int records) {
        ByteBuf data = UnpooledByteBufAllocator.DEFAULT.directBuffer(bytes);
        data.writeZero(bytes);
        return new Chunk(tag, data, records);
    }

    @Test
    void isFullAtOrOverTheLimitAndAddStillAccepts() {
        ChunkQueue q = new ChunkQueue(100);
        q.add(chunk("a", 60, 1));
        assertThat(q.isFull()).isFalse();
        q.add(chunk("a", 40, 1));
        assertThat(q.isFull()).isTrue();
        q.add(chunk("b", 10, 1));
        assertThat(q.bytes()).isEqualTo(110);
        assertThat(q.size()).isEqualTo(3);
        assertThat(q.releaseAll()).isEqualTo(3);
        assertThat(q.isFull()).isFalse();
    }

    @Test
    void zeroMeansUnlimited() {
        ChunkQueue q = new ChunkQueue(0);
        q.add(chunk("a", 1_000_000, 1));
        assertThat(q.isFull()).isFalse();
        q.releaseAll();
    }

    @Test
    void negativeLimitIsRejectedNamingTheOption() {
        assertThatThrownBy(() -> new ChunkQueue(-1)).hasMessageContaining("mem_buf_limit");
    }

    @Test
    void drainedChunksCountUntilDone() {
        ChunkQueue q = new ChunkQueue(50);
        Chunk c1 = chunk("a", 30, 1);
        Chunk c2 = chunk("b", 30, 2);
        q.add(c1);
        q.add(c2);
        List<Chunk> drained = q.drain();
        assertThat(drained).containsExactly(c1, c2);
        assertThat(q.size()).isZero();
        assertThat(q.queuedBytes()).isZero();
        assertThat(q.bytes()).isEqualTo(60);
        assertThat(q.isFull()).isTrue();
        q.done(c1);
        c1.data().release();
        assertThat(q.isFull()).isFalse();
        q.done(c2);
        c2.data().release();
        assertThat(q.bytes()).isZero();
    }

    @Test
    void releaseAllFreesEveryQueuedBuffer() {
        ChunkQueue q = new ChunkQueue(0);
        List<Chunk> added = List.of(chunk("a", 10, 2), chunk("b", 20, 3));
        added.forEach(q::add);
        assertThat(q.releaseAll()).isEqualTo(5);
        assertThat(added).allMatch(c -> c.data().refCnt() == 0);
        assertThat(q.bytes()).isZero();
        assertThat(q.drain()).isEmpty();
    }

    @Test
    void concurrentAddsAndDrainsLoseNothing() throws Exception {
        ChunkQueue q = new ChunkQueue(0);
        int perThread = 2000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            threads.add(new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    q.add(chunk("t", 8, 1));
                }
            }));
        }
        threads.forEach(Thread::start);
        start.countDown();
        long records = 0;
        while (threads.stream().anyMatch(Thread::isAlive) || q.size() > 0) {
            for (Chunk c : q.drain()) {
                records += c.records();
                q.done(c);
                c.data().release();
            }
        }
        for (Thread t : threads) {
            t.join();
        }
        for (Chunk c : q.drain()) {
            records += c.records();
            q.done(c);
            c.data().release();
        }
        assertThat(records).isEqualTo(3L * perThread);
        assertThat(q.bytes()).isZero();
    }
}
