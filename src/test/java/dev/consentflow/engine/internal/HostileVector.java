package dev.consentflow.engine.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One file of the hostile corpus ({@code src/test/resources/hostile/vectors.txt}): the file, the element its
 * refusal must name and a fragment of the rule it must state.
 */
public record HostileVector(String file, String element, String rule) {

    public static List<HostileVector> all() {
        try (BufferedReader index = new BufferedReader(new InputStreamReader(
                HostileVector.class.getResourceAsStream("/hostile/vectors.txt"), StandardCharsets.UTF_8))) {
            return index.lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.split("\\s*\\|\\s*"))
                    .map(parts -> new HostileVector(parts[0].strip(), parts[1].strip(), parts[2].strip()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] bytes() {
        return FlowRulesTest.resource("/hostile/" + file);
    }

    @Override
    public String toString() {
        return file;
    }
}
