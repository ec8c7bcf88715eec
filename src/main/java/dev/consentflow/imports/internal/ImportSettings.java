package dev.consentflow.imports.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The imports module's configuration ({@code consentflow.imports.*}).
 *
 * @param maxBytes     the largest file taken ({@code CONSENTFLOW_IMPORT_MAX_BYTES}); larger uploads answer {@code 413}
 * @param chunkRows    rows per committed chunk: the most a crash makes a node do again
 * @param pollInterval how often an idle node looks for imports to work on
 * @param lease        how long a claimed import stays a node's without a committed chunk; after it, another node
 *                     resumes it
 * @param nodeId       names this node in leases (default: host name and a random suffix, new on every start)
 * @param threads      chunks of one import written at once on this node (default: one more than the processors
 *                     there are: a chunk's thread spends much of its time waiting on the database, its COPYs, the
 *                     audit chain's lock and its commit, while another chunk's could seal rows)
 */
@ConfigurationProperties("consentflow.imports")
record ImportSettings(@DefaultValue("512MB") DataSize maxBytes, @DefaultValue("1000") int chunkRows,
                      @DefaultValue("PT2S") Duration pollInterval, @DefaultValue("PT2M") Duration lease,
                      String nodeId, @DefaultValue("0") int threads) {

    ImportSettings {
        if (chunkRows < 1) {
            throw new IllegalArgumentException("consentflow.imports.chunk-rows must be at least 1");
        }
        if (threads < 1) {
            threads = Runtime.getRuntime().availableProcessors() + 1;
        }
        if (nodeId == null || nodeId.isBlank()) {
            String host;
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                host = "node";
            }
            nodeId = host + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        }
    }
}
