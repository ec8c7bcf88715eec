package dev.consentflow.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The Modeler element templates in {@code processes/element-templates/}, one JSON node per template. */
final class ElementTemplateFiles {

    private ElementTemplateFiles() {
    }

    static List<JsonNode> all() {
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> files = Files.list(Path.of("processes/element-templates"))) {
            List<JsonNode> templates = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode node = json.readTree(file.toFile());
                if (node.isArray()) {
                    node.forEach(templates::add);
                } else {
                    templates.add(node);
                }
            }
            return templates;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
