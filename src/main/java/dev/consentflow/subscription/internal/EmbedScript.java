package dev.consentflow.subscription.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.consentflow.subscription.internal.SignupForms.SignupForm;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * {@code <script src=".../f/{key}/embed.js"></script>} puts the form where the script tag stands. The form
 * posts straight to this server (a plain form post needs no CORS), which answers with the thank-you page. The
 * markup travels as a JSON string with {@code </} escaped, so nothing in it can close the script early.
 */
@Component
class EmbedScript {

    static final MediaType JAVASCRIPT = new MediaType("text", "javascript", StandardCharsets.UTF_8);

    private final ObjectMapper json;
    private final String publicUrl;

    EmbedScript(ObjectMapper json, @Value("${consentflow.public-url}") String publicUrl) {
        this.json = json;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    ResponseEntity<String> script(SignupForm form) {
        String markup = FormPage.form(form, publicUrl + "/f/" + form.key(), Map.of(), List.of());
        String literal;
        try {
            literal = json.writeValueAsString(markup).replace("</", "<\\/").replace("<!--", "<\\!--")
                    .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String script = """
                (function () {
                  var script = document.currentScript;
                  var holder = document.createElement('div');
                  holder.className = 'consentflow-form';
                  holder.innerHTML = %s;
                  var trap = holder.querySelector('.cf-hp');
                  if (trap) { trap.style.cssText = 'position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden'; }
                  script.parentNode.insertBefore(holder, script);
                })();
                """.formatted(literal);
        return ResponseEntity.ok()
                .contentType(JAVASCRIPT)
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)))
                .header("Cross-Origin-Resource-Policy", "cross-origin")
                .body(script);
    }
}
