package dev.consentflow.engine.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.xml.namespace.NamespaceContext;
import javax.xml.namespace.QName;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathEvaluationResult;
import javax.xml.xpath.XPathExpression;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import javax.xml.xpath.XPathFactoryConfigurationException;
import javax.xml.xpath.XPathFunctionResolver;
import javax.xml.xpath.XPathVariableResolver;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The JDK's XPath, except that a path of plain element names ({@code /mapper/sql}, {@code selectKey}, or one step
 * of alternatives, {@code select|insert|update|delete}) asked for a node or a node set is answered by walking the
 * DOM's children. Those are the only paths MyBatis asks while it reads mappings, once or more per statement, and
 * the JDK answers each by building an evaluation context and a DTM view of the document anew: about 40 % of the
 * reading of the engine's mappings ({@link EngineMappings}). The same nodes in the same (document) order; anything
 * else (other expressions, other result types, a namespace context, variables or functions, prefixed names, a
 * namespace-aware document) goes to the JDK's XPath unchanged. Used only while {@link EngineMappings} reads.
 */
public final class ChildPathXPathFactory extends XPathFactory {

    /** One step of names, or a path of single names, absolute or relative. */
    private static final Pattern CHILD_PATH =
            Pattern.compile("/?[A-Za-z_][A-Za-z0-9_.-]*(?:(?:\\|[A-Za-z_][A-Za-z0-9_.-]*)+|(?:/[A-Za-z_][A-Za-z0-9_.-]*)*)");

    private final XPathFactory jdk = XPathFactory.newDefaultInstance();

    @Override
    public boolean isObjectModelSupported(String objectModel) {
        return XPathFactory.DEFAULT_OBJECT_MODEL_URI.equals(objectModel);
    }

    @Override
    public void setFeature(String name, boolean value) throws XPathFactoryConfigurationException {
        jdk.setFeature(name, value);
    }

    @Override
    public boolean getFeature(String name) throws XPathFactoryConfigurationException {
        return jdk.getFeature(name);
    }

    @Override
    public void setXPathVariableResolver(XPathVariableResolver resolver) {
        jdk.setXPathVariableResolver(resolver);
    }

    @Override
    public void setXPathFunctionResolver(XPathFunctionResolver resolver) {
        jdk.setXPathFunctionResolver(resolver);
    }

    @Override
    public XPath newXPath() {
        return new ChildPathXPath(jdk.newXPath());
    }

    /**
     * The nodes a child path selects from the item, in document order; {@code null} when the expression, the item
     * or the document is one this class leaves to the JDK.
     */
    static List<Node> select(String expression, Object item) {
        if (!(item instanceof Node start) || !CHILD_PATH.matcher(expression).matches()) {
            return null;
        }
        Node context = start;
        String path = expression;
        if (path.startsWith("/")) {
            // The root of the item's tree: its document, or the top of a tree not in one.
            while (context.getParentNode() != null) {
                context = context.getParentNode();
            }
            path = path.substring(1);
        }
        List<Node> current = List.of(context);
        String[] steps = path.contains("|") ? new String[] {path} : path.split("/");
        for (String step : steps) {
            List<String> names = List.of(step.split("\\|"));
            List<Node> next = new ArrayList<>();
            for (Node parent : current) {
                for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
                    if (child.getNodeType() != Node.ELEMENT_NODE) {
                        continue;
                    }
                    if (child.getNamespaceURI() != null || child.getLocalName() != null
                            || child.getNodeName().indexOf(':') >= 0) {
                        // Namespaces or a namespace-aware DOM: name tests mean more than the name; the JDK answers.
                        return null;
                    }
                    if (names.contains(child.getNodeName())) {
                        next.add(child);
                    }
                }
            }
            current = next;
        }
        return current;
    }

    private static final class Nodes implements NodeList {

        private final List<Node> nodes;

        Nodes(List<Node> nodes) {
            this.nodes = nodes;
        }

        @Override
        public Node item(int index) {
            return index >= 0 && index < nodes.size() ? nodes.get(index) : null;
        }

        @Override
        public int getLength() {
            return nodes.size();
        }
    }

    /** The JDK's XPath with child paths answered by {@link #select}. */
    private static final class ChildPathXPath implements XPath {

        private final XPath jdk;

        ChildPathXPath(XPath jdk) {
            this.jdk = jdk;
        }

        @Override
        public Object evaluate(String expression, Object item, QName returnType) throws XPathExpressionException {
            boolean nodes = XPathConstants.NODESET.equals(returnType);
            if ((nodes || XPathConstants.NODE.equals(returnType)) && jdk.getNamespaceContext() == null
                    && jdk.getXPathVariableResolver() == null && jdk.getXPathFunctionResolver() == null) {
                List<Node> selected = select(expression, item);
                if (selected != null) {
                    return nodes ? new Nodes(selected) : selected.isEmpty() ? null : selected.get(0);
                }
            }
            return jdk.evaluate(expression, item, returnType);
        }

        @Override
        public void reset() {
            jdk.reset();
        }

        @Override
        public void setXPathVariableResolver(XPathVariableResolver resolver) {
            jdk.setXPathVariableResolver(resolver);
        }

        @Override
        public XPathVariableResolver getXPathVariableResolver() {
            return jdk.getXPathVariableResolver();
        }

        @Override
        public void setXPathFunctionResolver(XPathFunctionResolver resolver) {
            jdk.setXPathFunctionResolver(resolver);
        }

        @Override
        public XPathFunctionResolver getXPathFunctionResolver() {
            return jdk.getXPathFunctionResolver();
        }

        @Override
        public void setNamespaceContext(NamespaceContext context) {
            jdk.setNamespaceContext(context);
        }

        @Override
        public NamespaceContext getNamespaceContext() {
            return jdk.getNamespaceContext();
        }

        @Override
        public XPathExpression compile(String expression) throws XPathExpressionException {
            return jdk.compile(expression);
        }

        @Override
        public String evaluate(String expression, Object item) throws XPathExpressionException {
            return jdk.evaluate(expression, item);
        }

        @Override
        public Object evaluate(String expression, InputSource source, QName returnType)
                throws XPathExpressionException {
            return jdk.evaluate(expression, source, returnType);
        }

        @Override
        public String evaluate(String expression, InputSource source) throws XPathExpressionException {
            return jdk.evaluate(expression, source);
        }

        @Override
        public <T> T evaluateExpression(String expression, Object item, Class<T> type)
                throws XPathExpressionException {
            return jdk.evaluateExpression(expression, item, type);
        }

        @Override
        public XPathEvaluationResult<?> evaluateExpression(String expression, Object item)
                throws XPathExpressionException {
            return jdk.evaluateExpression(expression, item);
        }

        @Override
        public <T> T evaluateExpression(String expression, InputSource source, Class<T> type)
                throws XPathExpressionException {
            return jdk.evaluateExpression(expression, source, type);
        }

        @Override
        public XPathEvaluationResult<?> evaluateExpression(String expression, InputSource source)
                throws XPathExpressionException {
            return jdk.evaluateExpression(expression, source);
        }
    }
}
