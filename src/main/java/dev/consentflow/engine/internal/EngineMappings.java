package dev.consentflow.engine.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.xml.xpath.XPathFactory;
import org.apache.ibatis.builder.xml.XMLConfigBuilder;
import org.apache.ibatis.session.Configuration;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.impl.util.ReflectUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's MyBatis mappings (some sixty XML files, hundreds of statements), read on a thread of their own
 * while Spring builds the context, instead of on the start's critical path when the engine is built: a quarter of
 * the main thread's time on a restart went there. Only the table prefix and the database type change what is
 * read; {@link EarlyMappingsEngineConfiguration} takes a reading only when both are the engine's own, and reads
 * the mappings itself otherwise, as the engine always did. One reading serves one engine.
 */
final class EngineMappings {

    /** The only database Consentflow runs on (its migrations are PostgreSQL's). */
    static final String DATABASE_TYPE = "postgres";

    private static final Logger log = LoggerFactory.getLogger(EngineMappings.class);
    /** The engine's own mapping file, as {@code ProcessEngineConfigurationImpl} reads it. */
    private static final String MAPPINGS = "org/operaton/bpm/engine/impl/mapping/mappings.xml";
    /** The system property {@code XPathFactory.newInstance()} reads first, which MyBatis's parser calls. */
    static final String XPATH_FACTORY = "javax.xml.xpath.XPathFactory:" + XPathFactory.DEFAULT_OBJECT_MODEL_URI;

    private static CompletableFuture<Configuration> reading;
    private static String readingPrefix;

    private EngineMappings() {
    }

    /** Starts reading the mappings for tables with this prefix, unless a reading waits already. */
    static synchronized void readEarly(String tablePrefix) {
        if (reading != null) {
            return;
        }
        CompletableFuture<Configuration> future = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                future.complete(read(tablePrefix, DATABASE_TYPE));
            } catch (RuntimeException | Error e) {
                future.completeExceptionally(e);
            }
        }, "engine-mappings-read");
        thread.setDaemon(true);
        reading = future;
        readingPrefix = tablePrefix;
        thread.start();
    }

    /**
     * The early reading for this prefix and database type, waiting for it to finish; {@code null} when there is
     * none, it was for other tables, or it failed (the engine then reads the mappings itself and reports why).
     */
    static Configuration take(String tablePrefix, String databaseType) {
        CompletableFuture<Configuration> future;
        String prefix;
        synchronized (EngineMappings.class) {
            future = reading;
            prefix = readingPrefix;
            reading = null;
            readingPrefix = null;
        }
        if (future == null || !Objects.equals(prefix, tablePrefix) || !DATABASE_TYPE.equals(databaseType)) {
            return null;
        }
        try {
            return future.join();
        } catch (CompletionException e) {
            log.debug("The early reading of the engine's mappings failed", e.getCause());
            return null;
        }
    }

    /**
     * Reads the mappings as {@code ProcessEngineConfigurationImpl.initSqlSessionFactory} does, without environment.
     * MyBatis's parsers find their XPath through {@link #XPATH_FACTORY}, which names {@link ChildPathXPathFactory}
     * while this reads (unless it names a factory already): the same nodes, found without the JDK's evaluation
     * set-up for each of the some 2,000 child paths MyBatis asks (a fresh start's reading 2.5 -> 1.7 CPU s).
     */
    static Configuration read(String tablePrefix, String databaseType) {
        Properties properties = new Properties();
        properties.put("prefix", tablePrefix);
        ProcessEngineConfigurationImpl.initSqlSessionFactoryProperties(properties, tablePrefix, databaseType);
        boolean ours = System.getProperty(XPATH_FACTORY) == null;
        if (ours) {
            System.setProperty(XPATH_FACTORY, ChildPathXPathFactory.class.getName());
        }
        try (InputStream in = ReflectUtil.getResourceAsStream(MAPPINGS)) {
            return new XMLConfigBuilder(new InputStreamReader(in, StandardCharsets.UTF_8), "", properties).parse();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (ours) {
                System.clearProperty(XPATH_FACTORY);
            }
        }
    }
}
