package io.grizz.load.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The delay line against an echo server on loopback: it delays, it keeps every byte in order, it pipelines. */
class DelayLineTest {

    private static final Duration ROUND_TRIP = Duration.ofMillis(40);

    private ServerSocket echo;
    private DelayLine line;

    @BeforeEach
    void startEchoServer() throws IOException {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::echoEveryConnection, "echo-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        line = DelayLine.start("echo", "127.0.0.1", echo.getLocalPort(), ROUND_TRIP);
    }

    @AfterEach
    void stop() throws IOException {
        line.close();
        echo.close();
    }

    @Test
    void anAnswerComesBackOneRoundTripLater() throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), line.port())) {
            socket.setTcpNoDelay(true);
            for (int i = 0; i < 3; i++) {
                long started = System.nanoTime();
                socket.getOutputStream().write(i);
                assertThat(socket.getInputStream().read()).isEqualTo(i);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(ROUND_TRIP);
            }
        }
    }

    @Test
    void bytesKeepFlowingWhileEarlierOnesAreInFlightAndArriveInOrder() throws Exception {
        byte[] sent = new byte[4 * 1024 * 1024];
        new Random(7).nextBytes(sent);
        sent[0] = 0; // not 'q'
        byte[] received = new byte[sent.length];
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), line.port())) {
            long started = System.nanoTime();
            Thread writer = new Thread(() -> writeInPieces(socket, sent, 100));
            writer.start();
            new DataInputStream(socket.getInputStream()).readFully(received);
            writer.join();
            // 100 writes, each waiting for its answer, would take 100 round trips (4 s); a network does not
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(ROUND_TRIP.multipliedBy(50));
        }
        assertThat(received).isEqualTo(sent);
    }

    @Test
    void aClosedServerSideClosesTheClientsConnection() throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), line.port())) {
            socket.getOutputStream().write('q'); // the echo server hangs up on a connection that starts with 'q'
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void rewritesOnlyUrlsOfTheServerBehindIt() {
        String url = "jdbc:postgresql://127.0.0.1:" + echo.getLocalPort() + "/grizz?prepareThreshold=0";

        assertThat(line.relay(url))
                .isEqualTo("jdbc:postgresql://127.0.0.1:" + line.port() + "/grizz?prepareThreshold=0");
        assertThatThrownBy(() -> line.relay("jdbc:postgresql://127.0.0.1:1/grizz"))
                .hasMessageContaining("does not point at 127.0.0.1:" + echo.getLocalPort());
    }

    private static void writeInPieces(Socket socket, byte[] bytes, int pieces) {
        try {
            OutputStream out = socket.getOutputStream();
            int piece = bytes.length / pieces;
            for (int offset = 0; offset < bytes.length; offset += piece) {
                out.write(bytes, offset, Math.min(piece, bytes.length - offset));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void echoEveryConnection() {
        while (!echo.isClosed()) {
            try {
                Socket connection = echo.accept();
                Thread handler = new Thread(() -> echoUnlessFirstByteIsQ(connection), "echo");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static void echoUnlessFirstByteIsQ(Socket connection) {
        try (connection;
                InputStream in = connection.getInputStream();
                OutputStream out = connection.getOutputStream()) {
            byte[] buffer = new byte[65536];
            int n = in.read(buffer);
            if (n > 0 && buffer[0] == 'q') {
                return;
            }
            for (; n > 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
            }
        } catch (IOException ignored) {
            // the client went away
        }
    }
}
