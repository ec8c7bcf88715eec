package dev.consentflow.contacts.internal;

import dev.consentflow.NamedSql;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.ProcessingInventory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Counts what an account holds, in five aggregate queries; reads no value of any person. */
@Component
class Inventory implements ProcessingInventory {

    private static final String LISTS = NamedSql.read("contacts", "inventory-lists");
    private static final String CONSENT_TEXTS = NamedSql.read("contacts", "inventory-consent-texts");
    private static final String FIELDS = NamedSql.read("contacts", "inventory-fields");
    private static final String CARDS = NamedSql.read("contacts", "inventory-cards");
    private static final String BEHAVIOUR = NamedSql.read("contacts", "inventory-behaviour");
    private static final int TEXTS_PER_LIST = 10;

    private final JdbcClient jdbc;

    Inventory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional(readOnly = true)
    public ProcessingInventory.Inventory inventory(AccountId account) {
        Map<String, List<TextUse>> texts = new TreeMap<>();
        jdbc.sql(CONSENT_TEXTS).param("account", account.value()).query((rs, n) -> {
            List<TextUse> forList = texts.computeIfAbsent(rs.getString("key"), k -> new ArrayList<>());
            if (forList.size() < TEXTS_PER_LIST) {
                forList.add(new TextUse(rs.getString("consent_text"), rs.getLong("subscriptions")));
            }
            return null;
        }).list();
        Map<String, ListRows> lists = new LinkedHashMap<>();
        jdbc.sql(LISTS).param("account", account.value()).query((rs, n) -> {
            String name = rs.getString("name");
            String brand = rs.getString("brand");
            ListRows list = lists.computeIfAbsent(rs.getString("key"), k -> new ListRows(k, name, brand));
            String status = rs.getString("status");
            if (status != null) {
                list.byStatus.merge(status, rs.getLong("subscriptions"), Long::sum);
                list.channels.add(rs.getString("channel"));
            }
            return null;
        }).list();
        List<ListUse> uses = lists.values().stream().map(l -> new ListUse(l.key, l.name, l.brand,
                withAllStatuses(l.byStatus), List.copyOf(l.channels), texts.getOrDefault(l.key, List.of()))).toList();
        List<FieldUse> fields = jdbc.sql(FIELDS).param("account", account.value())
                .query((rs, n) -> new FieldUse(rs.getString("name"), rs.getLong("cards"))).list();
        List<String> behaviour = jdbc.sql(BEHAVIOUR).param("account", account.value()).query(String.class).list();
        return jdbc.sql(CARDS).param("account", account.value())
                .query((rs, n) -> new ProcessingInventory.Inventory(uses, fields, behaviour, rs.getLong("live"),
                        rs.getLong("tombstones"), rs.getLong("with_mobile")))
                .single();
    }

    private static Map<String, Long> withAllStatuses(Map<String, Long> counted) {
        Map<String, Long> all = new LinkedHashMap<>();
        for (String status : List.of("PENDING", "CONFIRMED", "UNSUBSCRIBED", "BOUNCED")) {
            all.put(status, counted.getOrDefault(status, 0L));
        }
        return all;
    }

    private static final class ListRows {
        final String key;
        final String name;
        final String brand;
        final Map<String, Long> byStatus = new TreeMap<>();
        final TreeSet<String> channels = new TreeSet<>();

        ListRows(String key, String name, String brand) {
            this.key = key;
            this.name = name;
            this.brand = brand;
        }
    }
}
