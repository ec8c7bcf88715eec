package dev.consentflow.dispatch.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real SMTP server on loopback that answers what the recipient's local part asks for, so a test can script a
 * relay's faults: {@code hard-} 550 at RCPT, {@code soft-} 451 at RCPT once, {@code always-soft-} 451 at RCPT
 * every time, {@code harddata-} 554 after the data, {@code softdata-} 451 after the data once, {@code silent-} no
 * answer after the final dot, {@code cut-} the connection closed after the final dot, {@code cutonce-} that
 * on the first attempt only, {@code slowdown-} 421 at RCPT on the first attempt (a provider asking for less),
 * {@code slow-} a quarter of a second before it answers the data. Anything else is accepted. It keeps every
 * message's raw bytes as they came over the wire, when each transaction began (RCPT), and how many transactions
 * per recipient domain were open at once at most. {@link #offerChunking()} makes it offer CHUNKING (BDAT, RFC 3030).
 */
final class ScriptedSmtpServer implements AutoCloseable {

    /** One DATA transaction as received: its raw bytes (dot-stuffing undone) and the code answered (-1: none). */
    record Received(String recipient, byte[] raw, int answer) {
        String text() {
            return new String(raw, StandardCharsets.UTF_8);
        }
    }

    private final int port;
    private final ExecutorService sessions = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "scripted-smtp");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> rcptAttempts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> dataAttempts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> dataCommands = new ConcurrentHashMap<>();
    private final AtomicInteger resets = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, List<Long>> rcptNanos = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> open = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> mostOpen = new ConcurrentHashMap<>();
    private volatile ServerSocket listener;
    private volatile boolean chunking;

    private ScriptedSmtpServer(ServerSocket listener) {
        this.listener = listener;
        this.port = listener.getLocalPort();
        accept(listener);
    }

    static ScriptedSmtpServer start() throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return new ScriptedSmtpServer(socket);
    }

    int port() {
        return port;
    }

    /** From the next EHLO on, the relay offers CHUNKING and takes messages in BDAT chunks. */
    void offerChunking() {
        chunking = true;
    }

    /** The relay goes down: connections are refused until {@link #restart()}. */
    void stop() throws IOException {
        listener.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    void restart() throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        listener = socket;
        accept(socket);
    }

    int rcptAttempts(String address) {
        return rcptAttempts.getOrDefault(address, new AtomicInteger()).get();
    }

    /** DATA commands the relay answered with 354 for this recipient, whether the message then ended or not. */
    int dataCommands(String address) {
        return dataCommands.getOrDefault(address, new AtomicInteger()).get();
    }

    /** RSET commands the relay answered. */
    int resets() {
        return resets.get();
    }

    /** Connections the relay accepted. */
    int connections() {
        return connections.get();
    }

    List<Received> received(String address) {
        return received.stream().filter(r -> r.recipient().equals(address)).toList();
    }

    /** The most transactions to this domain that were open at once (from RCPT to the answer after the data). */
    int mostOpenAtOnce(String domain) {
        return mostOpen.getOrDefault(domain, new AtomicInteger()).get();
    }

    /** When each accepted RCPT to this domain arrived ({@link System#nanoTime()}), in order. */
    List<Long> rcptTimes(String domain) {
        return rcptNanos.getOrDefault(domain, List.of()).stream().sorted().toList();
    }

    private static String domain(String address) {
        return address.substring(address.indexOf('@') + 1);
    }

    private void opened(String address) {
        String domain = domain(address);
        rcptNanos.computeIfAbsent(domain, d -> new CopyOnWriteArrayList<>()).add(System.nanoTime());
        int now = open.computeIfAbsent(domain, d -> new AtomicInteger()).incrementAndGet();
        mostOpen.computeIfAbsent(domain, d -> new AtomicInteger()).accumulateAndGet(now, Math::max);
    }

    private void closed(String address) {
        open.get(domain(address)).decrementAndGet();
    }

    @Override
    public void close() throws IOException {
        stop();
        sessions.shutdownNow();
    }

    private void accept(ServerSocket socket) {
        sessions.execute(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket client = socket.accept();
                    sockets.add(client);
                    connections.incrementAndGet();
                    sessions.execute(() -> serve(client));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    private void serve(Socket client) {
        try (client; InputStream in = client.getInputStream(); OutputStream out = client.getOutputStream()) {
            reply(out, "220 scripted.test ESMTP");
            String recipient = null;
            ByteArrayOutputStream chunks = new ByteArrayOutputStream();
            String line;
            while ((line = readLine(in)) != null) {
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                switch (command) {
                    case "EHLO" -> reply(out, "250-scripted.test\r\n" + (chunking ? "250-CHUNKING\r\n" : "")
                            + "250 SIZE 20000000");
                    case "HELO", "NOOP" -> reply(out, "250 ok");
                    case "MAIL" -> {
                        if (recipient != null) {
                            closed(recipient);
                        }
                        recipient = null;
                        reply(out, "250 2.1.0 ok");
                    }
                    case "RSET" -> {
                        if (recipient != null) {
                            closed(recipient);
                        }
                        recipient = null;
                        resets.incrementAndGet();
                        reply(out, "250 2.0.0 ok");
                    }
                    case "RCPT" -> {
                        String address = line.substring(line.indexOf('<') + 1, line.lastIndexOf('>'));
                        int attempt = rcptAttempts.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet();
                        if (address.startsWith("hard-")) {
                            reply(out, "550 5.1.1 <" + address + ">: Recipient address rejected: User unknown");
                        } else if (address.startsWith("always-soft-") || (address.startsWith("soft-") && attempt == 1)) {
                            reply(out, "451 4.7.1 <" + address + ">: Greylisted, try again later");
                        } else if (address.startsWith("slowdown-") && attempt == 1) {
                            reply(out, "421 4.7.0 [TSS04] Messages temporarily deferred due to unexpected volume");
                            return;
                        } else {
                            if (recipient != null) {
                                closed(recipient);
                            }
                            recipient = address;
                            opened(address);
                            reply(out, "250 2.1.5 ok");
                        }
                    }
                    case "DATA" -> {
                        if (recipient == null) {
                            reply(out, "503 5.5.1 no valid recipients");
                            continue;
                        }
                        dataCommands.computeIfAbsent(recipient, a -> new AtomicInteger()).incrementAndGet();
                        reply(out, "354 end with <CRLF>.<CRLF>");
                        byte[] raw = readData(in);
                        boolean goOn = answerAndClose(client, out, recipient, raw);
                        recipient = null;
                        if (!goOn) {
                            return;
                        }
                    }
                    case "BDAT" -> {
                        String[] words = line.split(" ");
                        byte[] chunk = in.readNBytes(Integer.parseInt(words[1]));
                        if (recipient == null) {
                            reply(out, "503 5.5.1 no valid recipients");
                            continue;
                        }
                        if (chunks.size() == 0) {
                            dataCommands.computeIfAbsent(recipient, a -> new AtomicInteger()).incrementAndGet();
                        }
                        chunks.write(chunk);
                        if (words.length < 3 || !words[2].equalsIgnoreCase("LAST")) {
                            reply(out, "250 2.0.0 " + chunk.length + " octets received");
                            continue;
                        }
                        byte[] raw = chunks.toByteArray();
                        chunks.reset();
                        boolean goOn = answerAndClose(client, out, recipient, raw);
                        recipient = null;
                        if (!goOn) {
                            return;
                        }
                    }
                    case "QUIT" -> {
                        reply(out, "221 2.0.0 bye");
                        return;
                    }
                    default -> reply(out, "502 5.5.2 command not recognized");
                }
            }
        } catch (IOException e) {
            // the client (or stop()) closed the connection
        } finally {
            sockets.remove(client);
        }
    }

    /** Answers the end of data as scripted; false when the session ends here. */
    /** Answers a whole message (after DATA's dot or the last BDAT chunk); the recipient's transaction ends. */
    private boolean answerAndClose(Socket client, OutputStream out, String recipient, byte[] raw) throws IOException {
        try {
            return answerData(client, out, recipient, raw);
        } finally {
            closed(recipient);
        }
    }

    private boolean answerData(Socket client, OutputStream out, String recipient, byte[] raw) throws IOException {
        int attempt = dataAttempts.computeIfAbsent(recipient, a -> new AtomicInteger()).incrementAndGet();
        if (recipient.startsWith("silent-")) {
            received.add(new Received(recipient, raw, -1));
            // No answer: wait until the client gives up and closes.
            while (client.getInputStream().read() != -1) {
                // discard
            }
            return false;
        }
        if (recipient.startsWith("cut-") || recipient.startsWith("cutonce-") && attempt == 1) {
            received.add(new Received(recipient, raw, -1));
            client.close();
            return false;
        }
        if (recipient.startsWith("slow-")) {
            // a relay that takes its time: sends overlap, so a limit on how many at once shows
            java.util.concurrent.locks.LockSupport.parkNanos(java.time.Duration.ofMillis(250).toNanos());
        }
        int code = recipient.startsWith("harddata-") ? 554
                : recipient.startsWith("softdata-") && attempt == 1 ? 451 : 250;
        received.add(new Received(recipient, raw, code));
        reply(out, switch (code) {
            case 554 -> "554 5.7.1 <" + recipient + ">: message refused";
            case 451 -> "451 4.3.0 temporary failure, try again";
            default -> "250 2.0.0 ok: queued as " + received.size();
        });
        return true;
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** A command line without its CRLF. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.US_ASCII);
            }
            line.write(b);
        }
        return null;
    }

    /** The message up to the line holding a single dot, byte for byte, with dot-stuffing undone. */
    private static byte[] readData(InputStream in) throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            line.write(b);
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                line.reset();
                if (bytes.length == 3 && bytes[0] == '.' && bytes[1] == '\r') {
                    return message.toByteArray();
                }
                int from = bytes.length > 1 && bytes[0] == '.' ? 1 : 0;
                message.write(bytes, from, bytes.length - from);
            }
        }
        throw new IOException("connection closed inside DATA");
    }
}
