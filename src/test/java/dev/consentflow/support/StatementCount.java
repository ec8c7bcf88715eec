package dev.consentflow.support;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * For {@code *Bench} measurements, never for tests: wraps the server's {@link DataSource} and counts what reaches
 * PostgreSQL, by the kind of thread that sends it ({@code request}, {@code job}, {@code chainer}, ...): statements
 * (a batched statement counts once per row), round trips (a batch is one), and transactions (commits, and
 * statements run in auto-commit). The bench's own thread ({@code main}) is not counted. Import it with
 * {@code @Import(StatementCount.class)}.
 */
public class StatementCount implements BeanPostProcessor {

    private static final Pattern BLANKS = Pattern.compile("\\s+");

    /** What one kind of thread sent. */
    public record Totals(long statements, long roundTrips, long transactions) {
    }

    private final Map<String, LongAdder> statements = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> roundTrips = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> transactions = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> bySql = new ConcurrentHashMap<>();

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource && !Proxy.isProxyClass(bean.getClass())) {
            return proxy(DataSource.class, dataSource, (target, method, args) -> {
                Object result = invoke(target, method, args);
                return result instanceof Connection connection ? connection(connection) : result;
            });
        }
        return bean;
    }

    public void reset() {
        statements.clear();
        roundTrips.clear();
        transactions.clear();
        bySql.clear();
    }

    /** Per kind of thread. */
    public Map<String, Totals> totals() {
        Map<String, Totals> out = new LinkedHashMap<>();
        statements.keySet().stream().sorted().forEach(kind -> out.put(kind, new Totals(count(statements, kind),
                count(roundTrips, kind), count(transactions, kind))));
        return out;
    }

    /** Statement texts ({@code kind: sql}, whitespace collapsed, clipped) with their counts, most frequent first. */
    public Map<String, Long> statements(int top) {
        Map<String, Long> out = new LinkedHashMap<>();
        bySql.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue().sum(), a.getValue().sum()))
                .limit(top)
                .forEach(e -> out.put(e.getKey(), e.getValue().sum()));
        return out;
    }

    private static long count(Map<String, LongAdder> counts, String kind) {
        LongAdder adder = counts.get(kind);
        return adder == null ? 0 : adder.sum();
    }

    private Connection connection(Connection target) {
        boolean[] autoCommit = {autoCommit(target)};
        return proxy(Connection.class, target, (t, method, args) -> {
            String name = method.getName();
            if (name.equals("setAutoCommit")) {
                autoCommit[0] = (Boolean) args[0];
            } else if (name.equals("commit")) {
                add(transactions, kind(), 1);
            }
            Object result = invoke(t, method, args);
            if (result instanceof Statement statement && !(result instanceof java.sql.CallableStatement)) {
                String sql = args != null && args.length > 0 && args[0] instanceof String text ? text : null;
                Class<? extends Statement> type = result instanceof java.sql.PreparedStatement
                        ? java.sql.PreparedStatement.class : Statement.class;
                return statement(type, statement, sql, autoCommit);
            }
            return result;
        });
    }

    private Statement statement(Class<? extends Statement> type, Statement target, String prepared, boolean[] autoCommit) {
        int[] batched = {0};
        return StatementCount.<Statement>proxy(type, target, (t, method, args) -> {
            String name = method.getName();
            String sql = prepared != null ? prepared
                    : args != null && args.length > 0 && args[0] instanceof String text ? text : null;
            if (name.equals("addBatch")) {
                batched[0]++;
                record(sql, 1, 0, autoCommit[0]);
            } else if (name.equals("executeBatch") || name.equals("executeLargeBatch")) {
                add(roundTrips, kind(), 1);
                batched[0] = 0;
            } else if (name.startsWith("execute")) {
                record(sql, 1, 1, autoCommit[0]);
            }
            return invoke(t, method, args);
        });
    }

    private void record(String sql, int statementCount, int trips, boolean autoCommit) {
        String kind = kind();
        if (kind == null) {
            return;
        }
        add(statements, kind, statementCount);
        add(roundTrips, kind, trips);
        if (autoCommit) {
            add(transactions, kind, statementCount);
        }
        String text = sql == null ? "?" : BLANKS.matcher(sql.strip()).replaceAll(" ");
        bySql.computeIfAbsent(kind + ": " + (text.length() > 160 ? text.substring(0, 160) : text),
                key -> new LongAdder()).add(statementCount);
    }

    private void add(Map<String, LongAdder> counts, String kind, long n) {
        if (kind != null) {
            counts.computeIfAbsent(kind, key -> new LongAdder()).add(n);
        }
    }

    /** The kind of the current thread; null for the bench's own. */
    private static String kind() {
        String thread = Thread.currentThread().getName();
        if (thread.equals("main") || thread.startsWith("bench")) {
            return null;
        }
        if (thread.startsWith("http-nio")) {
            return "request";
        }
        if (thread.startsWith("JobExecutor")) {
            return "job-acquisition";
        }
        if (thread.toLowerCase().contains("taskexecutor")) {
            return "job";
        }
        return thread.replaceAll("[-_ ]?\\d+$", "");
    }

    private static boolean autoCommit(Connection connection) {
        try {
            return connection.getAutoCommit();
        } catch (java.sql.SQLException e) {
            return true;
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<? extends T> type, Object target, Handler handler) {
        InvocationHandler invocation = (p, method, args) -> {
            if (method.getName().equals("unwrap") || method.getName().equals("isWrapperFor")) {
                return invoke(target, method, args);
            }
            return handler.handle(target, method, args);
        };
        return (T) Proxy.newProxyInstance(StatementCount.class.getClassLoader(), new Class<?>[] {type}, invocation);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @FunctionalInterface
    private interface Handler {
        Object handle(Object target, Method method, Object[] args) throws Throwable;
    }
}
