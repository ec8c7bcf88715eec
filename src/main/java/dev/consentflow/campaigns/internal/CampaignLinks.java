package dev.consentflow.campaigns.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The click targets of a campaign ({@code campaigns_link}): numbered once, the only URLs a click goes to. */
@Component
class CampaignLinks {

    private final JdbcClient jdbc;

    CampaignLinks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the template's links once (a restarted job finds them) and answers them by URL with their number. */
    Map<String, Integer> numbered(UUID campaign, List<String> links) {
        for (int i = 0; i < links.size(); i++) {
            jdbc.sql("""
                            insert into campaigns_link (campaign_id, position, url) values (:campaign, :position, :url)
                            on conflict do nothing
                            """)
                    .param("campaign", campaign).param("position", i).param("url", links.get(i)).update();
        }
        Map<String, Integer> numbered = new LinkedHashMap<>();
        jdbc.sql("select position, url from campaigns_link where campaign_id = :campaign order by position")
                .param("campaign", campaign)
                .query(rs -> {
                    numbered.put(rs.getString("url"), rs.getInt("position"));
                });
        return numbered;
    }

    /** One click on a link, for the campaign's charts (no person: the recipient's mark is in Recipients). */
    void clicked(UUID campaign, int position, java.time.Instant at) {
        jdbc.sql("insert into campaigns_click (campaign_id, position, at) values (:campaign, :position, :at)")
                .param("campaign", campaign).param("position", position).param("at", java.sql.Timestamp.from(at))
                .update();
    }

    Optional<String> url(UUID campaign, int position) {
        return jdbc.sql("select url from campaigns_link where campaign_id = :campaign and position = :position")
                .param("campaign", campaign).param("position", position).query(String.class).optional();
    }
}
