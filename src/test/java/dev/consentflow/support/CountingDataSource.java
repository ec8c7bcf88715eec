package dev.consentflow.support;

import java.io.Closeable;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * For measurements only ({@code *Bench} classes): the application's {@code dataSource}, wrapped so that every JDBC
 * round trip, batched statement, commit and rollback is counted, by the statement's text and by the group of the
 * thread that ran it (its name without digits: {@code http-nio--exec-}, {@code operatonTaskExecutor-}...).
 * Registered as a bean post-processor, so the engine, Spring Data, JdbcClient and Flyway all go through it.
 */
public final class CountingDataSource {

    /** One counter: the thread group, the kind (one of the {@code KIND_*} constants) and the statement. */
    public record Key(String group, String kind, String sql) {
    }

    private static final Map<Key, LongAdder> COUNTS = new ConcurrentHashMap<>();
    private static final Map<String, String> NORMALIZED = new ConcurrentHashMap<>();
    private static final ThreadLocal<String> GROUP = ThreadLocal.withInitial(() -> group(Thread.currentThread().getName()));

    public static final String KIND_EXECUTE = "execute";
    public static final String KIND_BATCHED = "batched";
    public static final String KIND_BATCH = "executeBatch";
    public static final String KIND_COMMIT = "commit";
    public static final String KIND_ROLLBACK = "rollback";
    public static final String KIND_AUTOCOMMIT = "autocommit";

    private static final Set<String> EXECUTES = Set.of("execute", "executeQuery", "executeUpdate",
            "executeLargeUpdate");

    private CountingDataSource() {
    }

    /** The post-processor that wraps the bean named {@code dataSource}. */
    public static BeanPostProcessor postProcessor() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof DataSource dataSource && "dataSource".equals(beanName) ? wrap(dataSource) : bean;
            }
        };
    }

    /** A copy of the counts now. */
    public static Map<Key, Long> snapshot() {
        Map<Key, Long> copy = new HashMap<>();
        COUNTS.forEach((key, count) -> copy.put(key, count.sum()));
        return copy;
    }

    /** The counts of after minus before, without the zeros. */
    public static Map<Key, Long> since(Map<Key, Long> before, Map<Key, Long> after) {
        Map<Key, Long> diff = new HashMap<>();
        after.forEach((key, count) -> {
            long d = count - before.getOrDefault(key, 0L);
            if (d != 0) {
                diff.put(key, d);
            }
        });
        return diff;
    }

    public static DataSource wrap(DataSource target) {
        return (DataSource) Proxy.newProxyInstance(CountingDataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class, Closeable.class}, new Handler(target, null) {
                    @Override
                    Object after(Object proxy, Method method, Object result) {
                        return result instanceof Connection connection ? connection(connection) : result;
                    }
                });
    }

    private static Connection connection(Connection target) {
        Handler handler = new Handler(target, null) {
            @Override
            Object before(Method method, Object[] args) throws Exception {
                switch (method.getName()) {
                    case "commit" -> count(KIND_COMMIT, "");
                    case "rollback" -> {
                        if (args == null || args.length == 0) {
                            count(KIND_ROLLBACK, "");
                        }
                    }
                    default -> {
                    }
                }
                return null;
            }

            @Override
            Object after(Object proxy, Method method, Object result) {
                String name = method.getName();
                if (result instanceof Statement statement && !(result instanceof CallableStatement)
                        && (name.startsWith("prepare") || name.equals("createStatement"))) {
                    return statement(statement, (Connection) proxy, sqlOf(lastArgs.get()));
                }
                return result;
            }
        };
        return (Connection) Proxy.newProxyInstance(CountingDataSource.class.getClassLoader(),
                new Class<?>[] {Connection.class}, handler);
    }

    private static Statement statement(Statement target, Connection connection, String preparedSql) {
        Class<?> type = target instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
        return (Statement) Proxy.newProxyInstance(CountingDataSource.class.getClassLoader(), new Class<?>[] {type},
                new Handler(target, connection) {
                    @Override
                    Object before(Method method, Object[] args) throws Exception {
                        String name = method.getName();
                        String sql = args != null && args.length > 0 && args[0] instanceof String s ? s : preparedSql;
                        if (EXECUTES.contains(name)) {
                            count(KIND_EXECUTE, sql);
                            if (connection.getAutoCommit()) {
                                count(KIND_AUTOCOMMIT, "");
                            }
                        } else if (name.equals("addBatch")) {
                            count(KIND_BATCHED, sql);
                        } else if (name.equals("executeBatch") || name.equals("executeLargeBatch")) {
                            count(KIND_BATCH, preparedSql == null ? "" : preparedSql);
                        }
                        return null;
                    }
                });
    }

    private static String sqlOf(Object[] args) {
        return args != null && args.length > 0 && args[0] instanceof String sql ? sql : null;
    }

    static void count(String kind, String sql) {
        String normalized = sql == null || sql.isEmpty() ? "" : NORMALIZED.computeIfAbsent(sql, CountingDataSource::normalize);
        COUNTS.computeIfAbsent(new Key(GROUP.get(), kind, normalized), k -> new LongAdder()).increment();
    }

    /** A thread's name without its numbers: the pool it belongs to. */
    public static String group(String threadName) {
        return threadName.replaceAll("[0-9]+", "");
    }

    /** One line, single spaces, multi-row VALUES lists folded, so one statement shape is one key. */
    static String normalize(String sql) {
        if (sql == null) {
            return "";
        }
        String group = "\\([^()]*(?:\\([^()]*\\)[^()]*)*\\)";
        return sql.replaceAll("\\s+", " ").trim()
                .replaceAll("(?i) in \\(\\?(?:, ?\\?)*\\)", " in (?...)")
                .replaceAll("(" + group + ")(?: ?, ?" + group + ")+", "$1, ...");
    }

    /** Forwards every call to the target, with equality by identity (resources are keyed by these objects). */
    private static class Handler implements InvocationHandler {

        final Object target;
        final Connection owner;
        final ThreadLocal<Object[]> lastArgs = new ThreadLocal<>();

        Handler(Object target, Connection owner) {
            this.target = target;
            this.owner = owner;
        }

        Object before(Method method, Object[] args) throws Exception {
            return null;
        }

        Object after(Object proxy, Method method, Object result) {
            return result;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "equals":
                    return proxy == args[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "toString":
                    return "Counting(" + target + ")";
                case "getConnection":
                    if (owner != null) {
                        return owner;
                    }
                    break;
                case "close":
                    if (target instanceof AutoCloseable closeable && method.getDeclaringClass() == Closeable.class) {
                        closeable.close();
                        return null;
                    }
                    break;
                default:
                    break;
            }
            before(method, args);
            lastArgs.set(args);
            try {
                return after(proxy, method, method.invoke(target, args));
            } catch (InvocationTargetException e) {
                throw e.getCause();
            } finally {
                lastArgs.remove();
            }
        }
    }
}
