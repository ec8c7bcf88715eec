package dev.consentflow.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.apache.ibatis.builder.xml.XMLMapperEntityResolver;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.mapping.ResultMap;
import org.apache.ibatis.scripting.xmltags.DynamicSqlSource;
import org.apache.ibatis.session.Configuration;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * {@link ChildPathXPathFactory} selects what the JDK's XPath selects for every path MyBatis asks, on every mapping
 * file of the engine, leaves every other question to the JDK, and the engine's mappings read with it
 * ({@link EngineMappings}) are the mappings read without it.
 */
class ChildPathXPathFactoryTest {

    /** Every path MyBatis 3.5's builders ask (XMLConfigBuilder, XMLMapperBuilder, XMLStatementBuilder). */
    private static final List<String> MYBATIS_PATHS = List.of("/configuration", "/mapper", "/mapper/cache-ref",
            "/mapper/cache", "/mapper/parameterMap", "/mapper/resultMap", "/mapper/sql", "cache", "cache-ref",
            "select|insert|update|delete", "selectKey", "properties", "settings", "typeAliases", "plugins",
            "objectFactory", "objectWrapperFactory", "reflectorFactory", "environments", "databaseIdProvider",
            "typeHandlers", "mappers", "parameter", "transactionManager", "dataSource");
    private static final String ENGINE_MAPPINGS = "org/operaton/bpm/engine/impl/mapping/";

    private final XPath jdk = XPathFactory.newDefaultInstance().newXPath();
    private final XPath ours = new ChildPathXPathFactory().newXPath();

    @Test
    void everyPathMyBatisAsksSelectsTheJdksNodesInEveryMappingFileOfTheEngine() throws Exception {
        Document mappings = parse(ENGINE_MAPPINGS + "mappings.xml", false);
        NodeList mappers = mappings.getElementsByTagName("mapper");
        assertThat(mappers.getLength()).isGreaterThan(30);
        List<Document> documents = new ArrayList<>(List.of(mappings));
        for (int i = 0; i < mappers.getLength(); i++) {
            documents.add(parse(((Element) mappers.item(i)).getAttribute("resource"), false));
        }
        int compared = 0;
        for (Document document : documents) {
            List<Node> items = new ArrayList<>(List.of(document, document.getDocumentElement()));
            NodeList statements = (NodeList) jdk.evaluate("/mapper/select|/mapper/insert|/mapper/update"
                    + "|/mapper/delete|/configuration/*", document, XPathConstants.NODESET);
            for (int i = 0; i < statements.getLength(); i++) {
                items.add(statements.item(i));
            }
            for (Node item : items) {
                for (String path : MYBATIS_PATHS) {
                    assertThat(nodes(ours, path, item)).as(path).containsExactlyElementsOf(nodes(jdk, path, item));
                    assertThat(ours.evaluate(path, item, XPathConstants.NODE)).as(path)
                            .isSameAs(jdk.evaluate(path, item, XPathConstants.NODE));
                    compared++;
                }
            }
        }
        assertThat(compared).isGreaterThan(20_000);
    }

    @Test
    void otherQuestionsAreTheJdks() throws Exception {
        Document plain = parse(ENGINE_MAPPINGS + "entity/Job.xml", false);
        Document namespaced = parse(ENGINE_MAPPINGS + "entity/Job.xml", true);

        assertThat(ChildPathXPathFactory.select("count(/mapper/select)", plain)).isNull();
        assertThat(ours.evaluate("count(/mapper/select)", plain, XPathConstants.NUMBER))
                .isEqualTo(jdk.evaluate("count(/mapper/select)", plain, XPathConstants.NUMBER));
        String predicate = "/mapper/select[@id='selectJob']";
        assertThat(ChildPathXPathFactory.select(predicate, plain)).isNull();
        assertThat(nodes(ours, predicate, plain)).hasSize(1).containsExactlyElementsOf(nodes(jdk, predicate, plain));
        assertThat(ours.evaluate("/mapper/@namespace", plain, XPathConstants.STRING))
                .isEqualTo(jdk.evaluate("/mapper/@namespace", plain, XPathConstants.STRING));
        assertThat(ChildPathXPathFactory.select("/mapper/sql", namespaced)).isNull();
        assertThat(nodes(ours, "/mapper/sql", namespaced))
                .containsExactlyElementsOf(nodes(jdk, "/mapper/sql", namespaced)).isNotEmpty();
        assertThat(ChildPathXPathFactory.select("/mapper/sql", "not a node")).isNull();
    }

    @Test
    void theEngineMappingsReadWithItAreTheMappingsReadWithout() {
        Configuration with = EngineMappings.read("", EngineMappings.DATABASE_TYPE);
        assertThat(System.getProperty(EngineMappings.XPATH_FACTORY)).isNull();
        Configuration without;
        System.setProperty(EngineMappings.XPATH_FACTORY, XPathFactory.newDefaultInstance().getClass().getName());
        try {
            without = EngineMappings.read("", EngineMappings.DATABASE_TYPE);
        } finally {
            System.clearProperty(EngineMappings.XPATH_FACTORY);
        }

        assertThat(with.getMappedStatementNames()).hasSizeGreaterThan(1_000);
        assertThat(describe(with)).isEqualTo(describe(without));
    }

    private static Map<String, String> describe(Configuration configuration) {
        Map<String, String> described = new TreeMap<>();
        // Both maps hold each entry under its full and its short name, and an ambiguity marker for a short name
        // two mappers share: the entries themselves are compared, by full id.
        for (Object entry : configuration.getMappedStatements()) {
            if (!(entry instanceof MappedStatement statement)) {
                continue;
            }
            String sql = statement.getSqlSource() instanceof DynamicSqlSource ? ""
                    : statement.getBoundSql(null).getSql();
            described.put("statement " + statement.getId(), statement.getSqlCommandType() + " "
                    + statement.getSqlSource().getClass().getSimpleName() + " " + sql + " "
                    + statement.getResultMaps().stream().map(ResultMap::getId).toList() + " "
                    + statement.getParameterMap().getId() + " " + statement.getKeyGenerator().getClass()
                    + " " + statement.isUseCache() + " " + statement.isFlushCacheRequired());
        }
        for (Object entry : configuration.getResultMaps()) {
            if (!(entry instanceof ResultMap map)) {
                continue;
            }
            described.put("resultMap " + map.getId(), map.getType() + " " + map.getResultMappings().size() + " "
                    + map.getIdResultMappings().size() + " " + (map.getDiscriminator() == null ? ""
                    : map.getDiscriminator().getResultMapping().getColumn() + map.getDiscriminator().getDiscriminatorMap()));
        }
        described.put("fragments", configuration.getSqlFragments().keySet().stream().sorted().toList().toString());
        return described;
    }

    private static List<Node> nodes(XPath xpath, String path, Object item) throws Exception {
        NodeList list = (NodeList) xpath.evaluate(path, item, XPathConstants.NODESET);
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            nodes.add(list.item(i));
        }
        return nodes;
    }

    /** As MyBatis's XPathParser builds its documents (namespaces off), or namespace-aware. */
    private static Document parse(String resource, boolean namespaceAware) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(namespaceAware);
        factory.setIgnoringComments(true);
        factory.setCoalescing(false);
        factory.setExpandEntityReferences(true);
        DocumentBuilder builder = factory.newDocumentBuilder();
        builder.setEntityResolver(new XMLMapperEntityResolver());
        try (InputStream in = ChildPathXPathFactoryTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return builder.parse(in);
        }
    }
}
