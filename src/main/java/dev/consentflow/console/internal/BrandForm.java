package dev.consentflow.console.internal;

import dev.consentflow.brands.BrandRecords.BrandRequest;
import dev.consentflow.brands.BrandRecords.BrandView;
import dev.consentflow.brands.BrandRecords.Controller;
import dev.consentflow.brands.BrandRecords.From;
import java.util.List;

/**
 * The console's brand form: one flat field per value of API.md section 10's brand, named as the API names it
 * ({@code controller.email} is {@code controllerEmail} here), so the brands module's problems find their field.
 */
record BrandForm(String key, String name, String logoUrl, String color, String controllerName,
                 String controllerAddress, String controllerEmail, String privacyUrl, String fromName,
                 String fromAddress, String replyTo, String domain) {

    /** The fields in the form's order. */
    static final List<String> FIELDS = List.of("key", "name", "logoUrl", "color", "controllerName",
            "controllerAddress", "controllerEmail", "privacyUrl", "fromName", "fromAddress", "replyTo", "domain");

    static BrandForm empty() {
        return new BrandForm("", "", "", "", "", "", "", "", "", "", "", "");
    }

    static BrandForm of(BrandView b) {
        return new BrandForm(b.key(), b.name(), b.logoUrl(), b.color(), b.controller().name(),
                b.controller().address(), b.controller().email(), b.privacyUrl(), b.from().name(), b.from().address(),
                b.replyTo(), b.domain());
    }

    BrandRequest request() {
        return new BrandRequest(key, name, new Controller(controllerName, controllerAddress, controllerEmail),
                privacyUrl, logoUrl, color, new From(fromName, fromAddress), replyTo, domain);
    }

    /** What the form shows in a field: as typed, or as stored. */
    public String value(String field) {
        return switch (field) {
            case "key" -> key;
            case "name" -> name;
            case "logoUrl" -> logoUrl;
            case "color" -> color;
            case "controllerName" -> controllerName;
            case "controllerAddress" -> controllerAddress;
            case "controllerEmail" -> controllerEmail;
            case "privacyUrl" -> privacyUrl;
            case "fromName" -> fromName;
            case "fromAddress" -> fromAddress;
            case "replyTo" -> replyTo;
            case "domain" -> domain;
            default -> throw new IllegalArgumentException(field);
        };
    }
}
