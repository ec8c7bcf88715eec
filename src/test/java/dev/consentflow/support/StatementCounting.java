package dev.consentflow.support;

import java.io.Closeable;
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
 * For measurements (*Bench classes) only: wraps the application's {@link DataSource} so that every JDBC statement
 * the server executes is counted, by its SQL text, while counting is on. A statement is one round trip
 * ({@code execute*}); a JDBC batch is one statement with its entries counted apart. Statements of the thread that
 * switched counting on (the measuring test itself) are left out. Import it as a bean:
 * {@code @Import(StatementCounting.class)}.
 */
public class StatementCounting implements BeanPostProcessor {

    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Map<String, LongAdder> statements = new ConcurrentHashMap<>();
    private static final Map<String, LongAdder> batchEntries = new ConcurrentHashMap<>();
    private static final LongAdder commits = new LongAdder();
    private static volatile boolean on;
    private static volatile Thread measuring;

    /** Starts counting from zero; statements of the calling thread are not counted. */
    public static void start() {
        statements.clear();
        batchEntries.clear();
        commits.reset();
        measuring = Thread.currentThread();
        on = true;
    }

    public static void stop() {
        on = false;
    }

    /** Statements executed, by SQL text (whitespace folded, cut at 160 characters). */
    public static Map<String, Long> statements() {
        return snapshot(statements);
    }

    /** Rows sent in JDBC batches, by SQL text. */
    public static Map<String, Long> batchEntries() {
        return snapshot(batchEntries);
    }

    /** Explicit commits ({@link Connection#commit()}); statements in auto-commit are a transaction each. */
    public static long commits() {
        return commits.sum();
    }

    public static long total() {
        return statements().values().stream().mapToLong(Long::longValue).sum();
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> counts) {
        Map<String, Long> copy = new LinkedHashMap<>();
        counts.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue().sum(), a.getValue().sum()))
                .forEach(e -> copy.put(e.getKey(), e.getValue().sum()));
        return copy;
    }

    private static boolean counting() {
        return on && Thread.currentThread() != measuring;
    }

    private static String key(String sql) {
        String folded = SPACES.matcher(sql == null ? "?" : sql).replaceAll(" ").strip();
        return folded.length() > 160 ? folded.substring(0, 160) : folded;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource && !Proxy.isProxyClass(bean.getClass())) {
            return Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {DataSource.class, Closeable.class}, new DataSourceHandler(dataSource));
        }
        return bean;
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private record DataSourceHandler(DataSource target) implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getName().equals("close") && target instanceof AutoCloseable closeable) {
                closeable.close();
                return null;
            }
            Object result = call(target, method, args);
            if (result instanceof Connection connection) {
                return Proxy.newProxyInstance(StatementCounting.class.getClassLoader(),
                        new Class<?>[] {Connection.class}, new ConnectionHandler(connection));
            }
            return result;
        }
    }

    private record ConnectionHandler(Connection target) implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getName().equals("commit") && counting()) {
                commits.increment();
            }
            Object result = call(target, method, args);
            if (result instanceof Statement statement && !method.getName().equals("unwrap")) {
                String sql = args != null && args.length > 0 && args[0] instanceof String s ? s : null;
                Class<?>[] interfaces = result instanceof java.sql.CallableStatement
                        ? new Class<?>[] {java.sql.CallableStatement.class}
                        : result instanceof java.sql.PreparedStatement
                                ? new Class<?>[] {java.sql.PreparedStatement.class}
                                : new Class<?>[] {Statement.class};
                return Proxy.newProxyInstance(StatementCounting.class.getClassLoader(), interfaces,
                        new StatementHandler(statement, sql, proxy));
            }
            return result;
        }
    }

    private static final class StatementHandler implements InvocationHandler {
        private final Statement target;
        private final String sql;
        private final Object connection;
        private int batched;

        StatementHandler(Statement target, String sql, Object connection) {
            this.target = target;
            this.sql = sql;
            this.connection = connection;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (name.equals("getConnection")) {
                return connection;
            }
            if (name.equals("addBatch")) {
                batched++;
            }
            if (counting() && name.startsWith("execute")) {
                String text = args != null && args.length > 0 && args[0] instanceof String s ? s : sql;
                statements.computeIfAbsent(key(text), k -> new LongAdder()).increment();
                if (name.equals("executeBatch") || name.equals("executeLargeBatch")) {
                    batchEntries.computeIfAbsent(key(text), k -> new LongAdder()).add(batched);
                }
            }
            if (name.equals("executeBatch") || name.equals("executeLargeBatch") || name.equals("clearBatch")) {
                batched = 0;
            }
            return call(target, method, args);
        }
    }
}
