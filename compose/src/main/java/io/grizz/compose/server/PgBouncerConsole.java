package io.grizz.compose.server;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code SHOW} command on PgBouncer's admin console (database {@code pgbouncer}), spoken in PostgreSQL's wire
 * protocol directly: pgjdbc cannot talk to the console, because it sends {@code SET extra_float_digits = 3} after
 * logging in to a server it takes for an old one, and the console refuses that {@code SET}. Trust and clear-text
 * password authentication only, as the local stack's PgBouncer uses.
 */
final class PgBouncerConsole {

    private static final int PROTOCOL_3 = 196_608;
    private static final int TIMEOUT_MILLIS = 5_000;

    private PgBouncerConsole() {}

    /** The rows of {@code command} (e.g. {@code SHOW POOLS}), each a map from column name to text (null for NULL). */
    static List<Map<String, String>> query(String host, int port, String user, String password, String command) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            // buffered, so each message leaves in one write: PgBouncer drops a client whose startup packet
            // arrives in pieces ("client sent partial pkt in startup phase")
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
            DataInputStream in = new DataInputStream(socket.getInputStream());
            sendStartup(out, user);
            awaitReady(in, out, password);
            sendQuery(out, command);
            List<Map<String, String>> rows = readRows(in);
            out.writeByte('X');
            out.writeInt(4);
            out.flush();
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("PgBouncer's console on " + host + ":" + port + ": " + command, e);
        }
    }

    private static void sendStartup(DataOutputStream out, String user) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String text : new String[] {"user", user, "database", "pgbouncer"}) {
            body.writeBytes(cString(text));
        }
        body.write(0);
        out.writeInt(8 + body.size());
        out.writeInt(PROTOCOL_3);
        out.write(body.toByteArray());
        out.flush();
    }

    private static void awaitReady(DataInputStream in, DataOutputStream out, String password) throws IOException {
        while (true) {
            char type = (char) in.readUnsignedByte();
            byte[] body = body(in);
            if (type == 'E') {
                throw new IOException("refused: " + error(body));
            }
            if (type == 'R') {
                int code = ((body[0] & 0xff) << 24)
                        | ((body[1] & 0xff) << 16)
                        | ((body[2] & 0xff) << 8)
                        | (body[3] & 0xff);
                if (code == 3) {
                    byte[] secret = cString(password);
                    out.writeByte('p');
                    out.writeInt(4 + secret.length);
                    out.write(secret);
                    out.flush();
                } else if (code != 0) {
                    throw new IOException("authentication method " + code + " is not supported here");
                }
            }
            if (type == 'Z') {
                return;
            }
        }
    }

    private static void sendQuery(DataOutputStream out, String command) throws IOException {
        byte[] text = cString(command);
        out.writeByte('Q');
        out.writeInt(4 + text.length);
        out.write(text);
        out.flush();
    }

    private static List<Map<String, String>> readRows(DataInputStream in) throws IOException {
        List<String> columns = new ArrayList<>();
        List<Map<String, String>> rows = new ArrayList<>();
        String failure = null;
        while (true) {
            char type = (char) in.readUnsignedByte();
            DataInputStream body = new DataInputStream(new java.io.ByteArrayInputStream(body(in)));
            switch (type) {
                case 'T' -> {
                    int fields = body.readUnsignedShort();
                    for (int i = 0; i < fields; i++) {
                        columns.add(readCString(body));
                        body.skipBytes(18); // table oid, attribute, type oid, size, modifier, format
                    }
                }
                case 'D' -> {
                    int values = body.readUnsignedShort();
                    Map<String, String> row = new LinkedHashMap<>();
                    for (int i = 0; i < values; i++) {
                        int length = body.readInt();
                        row.put(
                                columns.get(i),
                                length < 0 ? null : new String(body.readNBytes(length), StandardCharsets.UTF_8));
                    }
                    rows.add(row);
                }
                case 'E' -> failure = error(body.readAllBytes());
                case 'Z' -> {
                    if (failure != null) {
                        throw new IOException(failure);
                    }
                    return rows;
                }
                default -> {
                    // command complete, notices, parameter status: nothing to keep
                }
            }
        }
    }

    private static byte[] body(DataInputStream in) throws IOException {
        return in.readNBytes(in.readInt() - 4);
    }

    /** The message field ('M') of an error response. */
    private static String error(byte[] body) {
        int i = 0;
        while (i < body.length && body[i] != 0) {
            byte field = body[i++];
            int end = i;
            while (end < body.length && body[end] != 0) {
                end++;
            }
            if (field == 'M') {
                return new String(body, i, end - i, StandardCharsets.UTF_8);
            }
            i = end + 1;
        }
        return "error";
    }

    private static String readCString(DataInputStream in) throws IOException {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        for (int b = in.read(); b > 0; b = in.read()) {
            text.write(b);
        }
        return text.toString(StandardCharsets.UTF_8);
    }

    private static byte[] cString(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        byte[] terminated = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, terminated, 0, bytes.length);
        return terminated;
    }
}
