package dev.consentflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.model.bpmn.Bpmn;
import org.operaton.bpm.model.bpmn.BpmnModelInstance;
import org.operaton.bpm.model.bpmn.instance.Message;

/**
 * Every constant of a {@code *Process} class names something of its model ({@code processes/<ID>.bpmn}): an
 * element id in {@code Task}, {@code Event}, {@code Gateway} and the like, a message name in {@code Message}. A
 * renamed element in the Modeler then fails here, not in a process that waits for ever.
 */
class ProcessConstantsTest {

    private static final Pattern ELEMENT_ID = Pattern.compile("[A-Z][A-Za-z]*_[A-Z][A-Za-z0-9]*");
    /** Variables, inputs and error codes name no element. */
    private static final Set<String> NOT_ELEMENTS = Set.of("Var", "Input", "Error");

    @Test
    void everyConstantOfAProcessClassNamesAnElementOrMessageOfItsModel() throws Exception {
        List<Class<?>> processes = processClasses();
        assertThat(processes).hasSizeGreaterThanOrEqualTo(8);
        List<String> problems = new ArrayList<>();
        for (Class<?> process : processes) {
            String id = (String) constant(process.getDeclaredField("ID"));
            Path file = Path.of("processes", id + ".bpmn");
            if (!Files.exists(file)) {
                problems.add(process.getSimpleName() + ".ID names no model: " + file);
                continue;
            }
            BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
            Set<String> messages = model.getModelElementsByType(Message.class).stream().map(Message::getName)
                    .collect(Collectors.toSet());
            for (Class<?> group : process.getDeclaredClasses()) {
                if (NOT_ELEMENTS.contains(group.getSimpleName())) {
                    continue;
                }
                for (Field field : group.getDeclaredFields()) {
                    if (!Modifier.isStatic(field.getModifiers()) || field.getType() != String.class) {
                        continue;
                    }
                    String value = (String) constant(field);
                    String name = process.getSimpleName() + "." + group.getSimpleName() + "." + field.getName();
                    if (group.getSimpleName().equals("Message")) {
                        if (!messages.contains(value)) {
                            problems.add(name + " = " + value + ": no such message in " + file);
                        }
                    } else if (!ELEMENT_ID.matcher(value).matches() || model.getModelElementById(value) == null) {
                        problems.add(name + " = " + value + ": no such element in " + file);
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    private static Object constant(Field field) throws IllegalAccessException {
        field.setAccessible(true);
        return field.get(null);
    }

    /** The classes of src/main/java named {@code *Process} that declare a process {@code ID}. */
    private static List<Class<?>> processClasses() throws IOException, ClassNotFoundException {
        Path root = Path.of("src/main/java");
        List<Class<?>> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith("Process.java")).toList()) {
                String name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.java$", "");
                Class<?> type = Class.forName(name);
                if (Stream.of(type.getDeclaredFields()).anyMatch(f -> f.getName().equals("ID"))) {
                    found.add(type);
                }
            }
        }
        return found;
    }
}
