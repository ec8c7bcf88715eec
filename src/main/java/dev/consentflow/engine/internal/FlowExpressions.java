package dev.consentflow.engine.internal;

import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.operaton.bpm.impl.juel.AstBinary;
import org.operaton.bpm.impl.juel.AstBoolean;
import org.operaton.bpm.impl.juel.AstBracket;
import org.operaton.bpm.impl.juel.AstDot;
import org.operaton.bpm.impl.juel.AstEval;
import org.operaton.bpm.impl.juel.AstFunction;
import org.operaton.bpm.impl.juel.AstIdentifier;
import org.operaton.bpm.impl.juel.AstLiteral;
import org.operaton.bpm.impl.juel.AstMethod;
import org.operaton.bpm.impl.juel.AstNested;
import org.operaton.bpm.impl.juel.AstNumber;
import org.operaton.bpm.impl.juel.AstUnary;
import org.operaton.bpm.impl.juel.Builder;
import org.operaton.bpm.impl.juel.Node;
import org.operaton.bpm.impl.juel.Tree;
import org.operaton.bpm.impl.juel.TreeBuilderException;

/**
 * The expressions a flow may hold, checked on the tree of the engine's own expression parser (never by looking at
 * the text): a variable name ({@code ${engaged}}), a variable compared with a literal ({@code ${mailRating >= 4}}),
 * and {@code and}/{@code or}/{@code not} of those. Method calls, property and index access, functions, arithmetic
 * and names of the engine's objects or the server's components are refused, since each of them reaches code.
 */
final class FlowExpressions {

    /** Names the engine resolves to its own objects before any variable. */
    static final Set<String> ENGINE_NAMES = Set.of("execution", "task", "externalTask", "caseExecution",
            "authenticatedUserId", "variableScope", "variableContext", "processEngine", "processEngineServices");

    private static final Set<AstBinary.Operator> COMPARISONS = Set.of(AstBinary.EQ, AstBinary.NE, AstBinary.LT,
            AstBinary.GT, AstBinary.LE, AstBinary.GE);

    private final Predicate<String> serverComponent;

    /** @param serverComponent whether a name is a bean of the server (such a name is never a flow's variable) */
    FlowExpressions(Predicate<String> serverComponent) {
        this.serverComponent = serverComponent;
    }

    /** Whether the text holds an expression at all, for places where only literal text is allowed. */
    static boolean isExpression(String text) {
        return text != null && (text.contains("${") || text.contains("#{"));
    }

    /** Why a condition is refused, or empty when it is a variable, or a variable compared with a literal. */
    Optional<String> condition(String text) {
        Node root;
        try {
            root = parse(text);
        } catch (TreeBuilderException e) {
            return Optional.of("is not a valid expression");
        }
        if (!(root instanceof AstEval)) {
            return Optional.of("a condition is one expression such as ${engaged} or ${mailRating >= 4}");
        }
        return condition(root.getChild(0));
    }

    /** Why a timer's value is refused, or empty when it is literal text or exactly one variable ({@code ${waitFor}}). */
    Optional<String> variableOrLiteral(String text) {
        if (!isExpression(text)) {
            return Optional.empty();
        }
        Node root;
        try {
            root = parse(text);
        } catch (TreeBuilderException e) {
            return Optional.of("is not a valid expression");
        }
        if (root instanceof AstEval && root.getChild(0) instanceof AstIdentifier identifier) {
            return name(identifier.getName());
        }
        return Optional.of("a timer is literal text or one variable such as ${waitFor}");
    }

    private Optional<String> condition(Node node) {
        if (node instanceof AstNested) {
            return condition(node.getChild(0));
        }
        if (node instanceof AstIdentifier identifier) {
            return name(identifier.getName());
        }
        if (node instanceof AstBoolean) {
            return Optional.empty();
        }
        if (node instanceof AstUnary unary) {
            if (unary.getOperator() == AstUnary.NOT) {
                return condition(unary.getChild(0));
            }
            if (unary.getOperator() == AstUnary.EMPTY && unary.getChild(0) instanceof AstIdentifier identifier) {
                return name(identifier.getName());
            }
        }
        if (node instanceof AstBinary binary) {
            if (binary.getOperator() == AstBinary.AND || binary.getOperator() == AstBinary.OR) {
                return condition(binary.getChild(0)).or(() -> condition(binary.getChild(1)));
            }
            if (COMPARISONS.contains(binary.getOperator())) {
                return comparison(binary.getChild(0), binary.getChild(1));
            }
            return Optional.of("arithmetic is not allowed in a condition");
        }
        return Optional.of(refusal(node));
    }

    private Optional<String> comparison(Node left, Node right) {
        Node variable = unnested(left) instanceof AstIdentifier ? unnested(left) : unnested(right);
        Node literal = variable == unnested(left) ? unnested(right) : unnested(left);
        if (variable instanceof AstIdentifier identifier && isLiteral(literal)) {
            return name(identifier.getName());
        }
        if (!(variable instanceof AstIdentifier)) {
            return Optional.of(refusal(variable instanceof AstLiteral ? literal : variable));
        }
        return Optional.of(refusal(literal));
    }

    private static boolean isLiteral(Node node) {
        return node instanceof AstLiteral
                || node instanceof AstUnary unary && unary.getOperator() == AstUnary.NEG
                && unary.getChild(0) instanceof AstNumber;
    }

    private static Node unnested(Node node) {
        return node instanceof AstNested ? unnested(node.getChild(0)) : node;
    }

    private Optional<String> name(String name) {
        if (ENGINE_NAMES.contains(name)) {
            return Optional.of("'" + name + "' names the engine's own object, not a variable");
        }
        if (serverComponent.test(name)) {
            return Optional.of("'" + name + "' names a component of the server, not a variable");
        }
        return Optional.empty();
    }

    private static String refusal(Node node) {
        if (node instanceof AstMethod) {
            return "method calls are not allowed in an expression";
        }
        if (node instanceof AstDot || node instanceof AstBracket) {
            return "property and index access are not allowed in an expression";
        }
        if (node instanceof AstFunction) {
            return "functions are not allowed in an expression";
        }
        if (node instanceof AstBinary || node instanceof AstUnary) {
            return "a variable is compared with a literal only, such as ${mailRating >= 4}";
        }
        return "only a variable, or a variable compared with a literal, is allowed in an expression";
    }

    private static Node parse(String text) {
        Tree tree = new Builder(Builder.Feature.METHOD_INVOCATIONS).build(text.strip());
        return tree.getRoot();
    }
}
