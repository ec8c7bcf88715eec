package dev.consentflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for the server that answers API.md's calls from memory and mails into the sink: only to check
 * that the scenario drivers work before the features land (bench/run --stub). Its numbers mean nothing.
 */
final class StubServer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Contact(String id, String list, Map<String, Object> card, List<Object> events) {
    }

    private final Map<String, Contact> contacts = new ConcurrentHashMap<>();
    private final Map<String, String> byEmail = new ConcurrentHashMap<>();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> campaigns = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> imports = new ConcurrentHashMap<>();
    private final AtomicLong waiting = new AtomicLong();
    private final ExecutorService mailer = Executors.newFixedThreadPool(4);
    private final Session session;
    private final String publicUrl;

    private StubServer(String sinkPort, String publicUrl) {
        Properties props = new Properties();
        props.setProperty("mail.smtp.host", "127.0.0.1");
        props.setProperty("mail.smtp.port", sinkPort);
        this.session = Session.getInstance(props);
        this.publicUrl = publicUrl;
    }

    static void run(Map<String, String> options) throws Exception {
        // Without it the JDK's server writes headers and body apart and Nagle adds 40 ms to every answer.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        int port = Integer.parseInt(options.get("port"));
        StubServer stub = new StubServer(options.get("sink-port"), "http://127.0.0.1:" + port);
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
        http.setExecutor(Executors.newFixedThreadPool(32));
        http.createContext("/", exchange -> {
            try {
                stub.handle(exchange);
            } catch (Exception e) {
                send(exchange, 500, Map.of("detail", e.toString()));
            }
        });
        http.start();
        Log.info("stub server on 127.0.0.1:" + port);
        Thread.currentThread().join();
    }

    private void handle(HttpExchange x) throws Exception {
        String method = x.getRequestMethod();
        String path = x.getRequestURI().getPath();
        String query = x.getRequestURI().getRawQuery();
        byte[] body = x.getRequestBody().readAllBytes();
        String[] p = path.split("/");
        if (path.equals("/actuator/health")) {
            send(x, 200, Map.of("status", "UP"));
        } else if (path.equals("/api/lists") || path.equals("/api/forms") || path.equals("/api/templates")) {
            send(x, 201, JSON.readTree(body));
        } else if (method.equals("POST") && p.length == 3 && p[1].equals("f")) {
            String email = JSON.readTree(body).path("email").asText();
            String token = UUID.randomUUID().toString().replace("-", "");
            tokens.put(token, email);
            waiting.incrementAndGet();
            mailer.submit(() -> mail(email, "Please confirm", "Confirm: " + publicUrl + "/c/" + token));
            send(x, 202, Map.of("status", "PENDING"));
        } else if (method.equals("POST") && p.length == 3 && p[1].equals("c")) {
            String email = tokens.get(p[2]);
            if (email == null) {
                send(x, 410, Map.of("detail", "gone"));
                return;
            }
            if (byEmail.putIfAbsent(email, "pending") == null) {
                Contact c = create(email, "news");
                byEmail.put(email, c.id());
                waiting.decrementAndGet();
            }
            send(x, 200, Map.of("status", "CONFIRMED"));
        } else if (path.equals("/api/subscriptions")) {
            JsonNode in = JSON.readTree(body);
            Contact c = create(in.path("email").asText(), in.path("list").asText());
            byEmail.put(in.path("email").asText(), c.id());
            send(x, 201, Map.of("subscriberId", c.id(), "status", "CONFIRMED"));
        } else if (path.equals("/api/contacts") && query != null) {
            String email = java.net.URLDecoder.decode(query.substring(query.indexOf('=') + 1), StandardCharsets.UTF_8);
            String id = byEmail.get(email);
            send(x, 200, id == null || !contacts.containsKey(id) ? List.of() : List.of(contacts.get(id).card()));
        } else if (p.length >= 4 && p[2].equals("contacts") && contacts.containsKey(p[3])) {
            contact(x, method, p, query, contacts.get(p[3]));
        } else if (method.equals("POST") && path.equals("/api/campaigns")) {
            String id = UUID.randomUUID().toString();
            Map<String, Object> c = new ConcurrentHashMap<>(Map.of("status", "DRAFT", "audience", 0L, "sent", 0L,
                    "failed", 0L, "suppressed", 0L, "opened", 0L, "clicked", 0L, "unsubscribed", 0L));
            c.put("list", JSON.readTree(body).path("list").asText());
            campaigns.put(id, c);
            send(x, 201, Map.of("id", id));
        } else if (p.length == 5 && p[2].equals("campaigns") && p[4].equals("send")) {
            Map<String, Object> c = campaigns.get(p[3]);
            List<Contact> audience = contacts.values().stream().filter(k -> k.list().equals(c.get("list"))
                    && "CONFIRMED".equals(k.card().get("permission"))).toList();
            c.put("audience", (long) audience.size());
            c.put("status", "SENDING");
            AtomicLong sent = new AtomicLong();
            for (Contact k : audience) {
                mailer.submit(() -> {
                    mail((String) k.card().get("email"), "Hi Anna, our November offer", "offer");
                    c.put("sent", sent.incrementAndGet());
                    if (sent.get() == audience.size()) {
                        c.put("status", "COMPLETED");
                    }
                });
            }
            send(x, 202, Map.of());
        } else if (p.length == 4 && p[2].equals("campaigns")) {
            send(x, 200, campaigns.get(p[3]));
        } else if (method.equals("POST") && path.equals("/api/imports")) {
            String id = UUID.randomUUID().toString();
            String text = new String(body, StandardCharsets.UTF_8);
            var list = java.util.regex.Pattern.compile("name=\"list\"\r\n\r\n([^\r]*)").matcher(text);
            String listKey = list.find() ? list.group(1) : "";
            List<String> emails = text.lines().filter(l -> l.contains("@bench.test")).map(l -> l.split(",")[0]).toList();
            emails.forEach(email -> byEmail.put(email, create(email, listKey).id()));
            long rows = emails.size();
            imports.put(id, Map.of("status", "COMPLETED", "rows", rows, "imported", rows, "updated", 0, "rejected", 0));
            send(x, 202, Map.of("id", id));
        } else if (p.length == 4 && p[2].equals("imports")) {
            send(x, 200, imports.get(p[3]));
        } else if (path.startsWith("/engine-rest/process-instance/count")) {
            send(x, 200, Map.of("count", waiting.get()));
        } else {
            send(x, 404, Map.of("detail", "No static resource " + path.substring(1) + "."));
        }
    }

    private void contact(HttpExchange x, String method, String[] p, String query, Contact c) throws IOException {
        if (p.length == 4 && method.equals("GET")) {
            send(x, 200, c.card());
        } else if (p.length == 4 && method.equals("PATCH")) {
            c.events().add(Map.of("type", "UPDATE", "at", java.time.Instant.now().toString()));
            send(x, 200, c.card());
        } else if (p.length == 5 && p[4].equals("erase")) {
            mailer.submit(() -> {
                c.card().put("permission", "DELETED");
                c.card().put("email", null);
                c.events().clear();
            });
            send(x, 202, Map.of("requestId", UUID.randomUUID().toString()));
        } else if (p.length == 5 && p[4].equals("export")) {
            Map<String, Object> export = new LinkedHashMap<>(c.card());
            synchronized (c.events()) {
                export.put("events", new ArrayList<>(c.events()));
            }
            byte[] bytes = JSON.writeValueAsBytes(export);
            x.sendResponseHeaders(200, bytes.length);
            x.getResponseBody().write(bytes);
            x.close();
        } else {
            send(x, 404, Map.of("detail", "not found"));
        }
    }

    private Contact create(String email, String list) {
        String id = UUID.randomUUID().toString();
        Map<String, Object> card = new ConcurrentHashMap<>(Map.of("subscriberId", id, "email", email,
                "permission", "CONFIRMED"));
        Contact c = new Contact(id, list, card, java.util.Collections.synchronizedList(new ArrayList<>()));
        contacts.put(id, c);
        return c;
    }

    private void mail(String to, String subject, String text) {
        try {
            MimeMessage m = new MimeMessage(session);
            m.setFrom(new InternetAddress("stub@localhost"));
            m.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
            m.setSubject(subject);
            m.setText(text);
            Transport.send(m);
        } catch (Exception e) {
            Log.info("stub could not mail " + e);
        }
    }

    private static void send(HttpExchange x, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
        x.close();
    }
}
