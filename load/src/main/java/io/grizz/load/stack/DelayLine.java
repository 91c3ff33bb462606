package io.grizz.load.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP relay on a free loopback port in front of one server, holding every chunk of bytes for half a round trip in
 * each direction: the database "across a network" of {@code --db-rtt}, without anything leaving the machine.
 *
 * <p>Why a relay and not {@code tc netem} on a veth pair into a network namespace: the kernel the figures are measured
 * on has no {@code sch_netem} ({@code tc qdisc add … netem} answers "Specified qdisc kind is unknown"), and a relay
 * needs no root either. What it models is latency: a request reaches the server half a round trip after it was
 * written, the answer comes back half a round trip after that, and bytes keep flowing meanwhile (a chunk waits for its
 * own due time, not for the one before it to be answered), as on a network with room to spare. What it does not model
 * is loss, jitter, a bandwidth limit or TCP's slow start. Its own cost, the hand-over between threads, is measured by
 * {@code --db-rtt 0ms}.
 *
 * <p>Each connection has two directions, each a reader thread that timestamps what it reads and a writer thread that
 * sends it when due; a direction holds at most {@value #QUEUED_CHUNKS} chunks, and a full queue stops its reader, as a
 * full TCP window would.
 */
public final class DelayLine implements AutoCloseable {

    private static final int CHUNK_BYTES = 16 * 1024;
    private static final int QUEUED_CHUNKS = 1024;
    private static final byte[] END = new byte[0];

    private final String name;
    private final InetSocketAddress target;
    private final long oneWayNanos;
    private final ServerSocket listener;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    /**
     * The readers and writers of every connection, threads reused from one connection to the next: {@code direct}
     * opens a connection per row, and four new threads each time cost it more than the relaying itself.
     */
    private final ExecutorService threads;

    private volatile boolean closed;

    private DelayLine(String name, InetSocketAddress target, Duration roundTrip, ServerSocket listener) {
        this.name = name;
        this.target = target;
        this.oneWayNanos = roundTrip.toNanos() / 2;
        this.listener = listener;
        this.threads = Executors.newCachedThreadPool(runnable -> daemon("delay-line-" + name, runnable));
    }

    /** Listens on a free port of 127.0.0.1 and relays every connection to {@code host:port}. */
    public static DelayLine start(String name, String host, int port, Duration roundTrip) {
        if (roundTrip.isNegative()) {
            throw new IllegalArgumentException("A round trip cannot be negative: " + roundTrip);
        }
        try {
            ServerSocket listener = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
            DelayLine line = new DelayLine(name, new InetSocketAddress(host, port), roundTrip, listener);
            daemon("delay-line-" + name + "-accept", line::acceptLoop).start();
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not open the delay line in front of " + name, e);
        }
    }

    public int port() {
        return listener.getLocalPort();
    }

    public Duration roundTrip() {
        return Duration.ofNanos(oneWayNanos * 2);
    }

    /** {@code jdbcUrl} with its host and port replaced by this line's. */
    public String relay(String jdbcUrl) {
        String address = target.getHostString() + ":" + target.getPort();
        if (!jdbcUrl.contains("//" + address + "/")) {
            throw new IllegalArgumentException(
                    jdbcUrl + " does not point at " + address + ", the server behind " + name + "'s delay line");
        }
        return jdbcUrl.replace(
                "//" + address + "/", "//" + listener.getInetAddress().getHostAddress() + ":" + port() + "/");
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                relayConnection(client);
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("delay line " + name + ": " + e.getMessage());
                }
            }
        }
    }

    private void relayConnection(Socket client) {
        Socket server = new Socket();
        try {
            client.setTcpNoDelay(true);
            server.setTcpNoDelay(true);
            server.connect(target);
        } catch (IOException e) {
            closeQuietly(client);
            closeQuietly(server);
            return;
        }
        open.add(client);
        open.add(server);
        AtomicInteger directionsLeft = new AtomicInteger(2);
        direction(client, server, directionsLeft);
        direction(server, client, directionsLeft);
    }

    /**
     * Bytes read from {@code from} are written to {@code to} one way's delay later; the end of the stream is passed on
     * as a half close, and the last direction to end closes both sockets.
     */
    private void direction(Socket from, Socket to, AtomicInteger directionsLeft) {
        BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(QUEUED_CHUNKS);
        threads.execute(() -> read(from, to, queue));
        threads.execute(() -> write(from, to, queue, directionsLeft));
    }

    private void read(Socket from, Socket to, BlockingQueue<Chunk> queue) {
        byte[] buffer = new byte[CHUNK_BYTES];
        try (InputStream in = from.getInputStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                queue.put(new Chunk(System.nanoTime() + oneWayNanos, Arrays.copyOf(buffer, n)));
            }
        } catch (IOException e) {
            // the peer closed or reset: what was read is still delivered, then the other side is closed too
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            queue.put(new Chunk(System.nanoTime() + oneWayNanos, END));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closePair(from, to);
        }
    }

    private void write(Socket from, Socket to, BlockingQueue<Chunk> queue, AtomicInteger directionsLeft) {
        try {
            OutputStream out = to.getOutputStream();
            for (Chunk chunk = queue.take(); chunk.bytes() != END; chunk = queue.take()) {
                awaitDue(chunk.dueNanos());
                out.write(chunk.bytes());
            }
            to.shutdownOutput();
            if (directionsLeft.decrementAndGet() == 0) {
                closePair(from, to);
            }
        } catch (IOException e) {
            closePair(from, to);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closePair(from, to);
        }
    }

    private static void awaitDue(long dueNanos) {
        for (long wait = dueNanos - System.nanoTime(); wait > 0; wait = dueNanos - System.nanoTime()) {
            LockSupport.parkNanos(wait);
        }
    }

    private void closePair(Socket one, Socket other) {
        closeQuietly(one);
        closeQuietly(other);
        open.remove(one);
        open.remove(other);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private static Thread daemon(String threadName, Runnable body) {
        Thread thread = new Thread(body, threadName);
        thread.setDaemon(true);
        return thread;
    }

    /** Stops accepting and closes every relayed connection. */
    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        open.forEach(DelayLine::closeQuietly);
        open.clear();
        threads.shutdownNow();
    }

    @Override
    public String toString() {
        return "delay line " + name + " (127.0.0.1:" + port() + " → " + target + ", round trip "
                + roundTrip().toMillis() + " ms)";
    }

    private record Chunk(long dueNanos, byte[] bytes) {}
}
