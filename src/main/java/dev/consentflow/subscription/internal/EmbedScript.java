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
 * {@code <script src=".../f/{key}/embed.js"></script>} puts the form where the script tag stands, inside a shadow
 * root with its own style (the brand's colour), so the customer's CSS and ours never meet, and with its title as
 * an {@code <h2>}: the customer's page keeps its one {@code <h1>}. The form posts JSON with {@code fetch} (CORS:
 * only from the form's allowed origins, see {@link FormCors}) and shows the thank-you text, or the errors, in
 * place: the person stays on the customer's page. With {@code data-mode="iframe"} the script puts the form's own
 * page in an iframe instead, which the page's {@code frame-ancestors} allows for the same origins. Both go to the
 * server the script came from (its {@code src}); the form's own {@code action}, for browsers without scripts of
 * this kind, is the public URL. The markup
 * travels as JSON strings with {@code </} escaped, so nothing in it can close the script early.
 */
@Component
class EmbedScript {

    static final MediaType JAVASCRIPT = new MediaType("text", "javascript", StandardCharsets.UTF_8);

    private static final String SCRIPT = """
            (function () {
              var script = document.currentScript;
              var action = new URL(%s, script.src).href;
              var holder = document.createElement('div');
              holder.className = 'consentflow-form';
              script.parentNode.insertBefore(holder, script);
              if (script.getAttribute('data-mode') === 'iframe') {
                var frame = document.createElement('iframe');
                frame.src = action;
                frame.title = %s;
                frame.style.cssText = 'width:100%%;min-height:36rem;border:0';
                holder.appendChild(frame);
                return;
              }
              var root = holder.attachShadow ? holder.attachShadow({mode: 'open'}) : holder;
              root.innerHTML = '<style>' + %s + '<\\/style><div class="cf-embed">' + %s + '<\\/div>';
              var box = root.querySelector('.cf-embed');
              var form = root.querySelector('form');
              var failed = %s;
              function clearErrors() {
                var old = root.querySelectorAll('.cf-error,.cf-errors');
                for (var i = 0; i < old.length; i++) { old[i].parentNode.removeChild(old[i]); }
                var marked = root.querySelectorAll('[aria-invalid]');
                for (var j = 0; j < marked.length; j++) { marked[j].removeAttribute('aria-invalid'); }
              }
              function showError(field, message) {
                var input = root.getElementById ? root.getElementById('cf-' + field) : null;
                var note = document.createElement('p');
                note.className = 'cf-error';
                note.textContent = message;
                if (input && input.parentNode) {
                  note.id = 'cf-' + field + '-error';
                  input.setAttribute('aria-invalid', 'true');
                  input.setAttribute('aria-describedby', note.id);
                  input.parentNode.appendChild(note);
                } else {
                  note.setAttribute('role', 'alert');
                  form.insertBefore(note, form.firstChild);
                }
              }
              form.addEventListener('submit', function (event) {
                event.preventDefault();
                clearErrors();
                var data = {};
                var inputs = form.querySelectorAll('input');
                for (var i = 0; i < inputs.length; i++) {
                  var input = inputs[i];
                  if (input.type === 'checkbox') { data[input.name] = input.checked; } else { data[input.name] = input.value; }
                }
                var button = form.querySelector('button');
                button.disabled = true;
                fetch(action, {method: 'POST', mode: 'cors', credentials: 'omit',
                    headers: {'Content-Type': 'application/json', 'Accept': 'application/json'},
                    body: JSON.stringify(data)})
                  .then(function (response) {
                    return response.json().catch(function () { return {}; })
                      .then(function (body) { return {status: response.status, body: body}; });
                  })
                  .then(function (answer) {
                    button.disabled = false;
                    if (answer.status === 202) {
                      box.innerHTML = %s;
                      box.setAttribute('tabindex', '-1');
                      box.focus();
                    } else if (answer.status === 400 && answer.body.errors) {
                      for (var k = 0; k < answer.body.errors.length; k++) {
                        showError(answer.body.errors[k].field, answer.body.errors[k].message);
                      }
                    } else {
                      showError('form', answer.body.detail || failed);
                    }
                  })
                  .catch(function () { button.disabled = false; showError('form', failed); });
              });
            })();
            """;

    private final ObjectMapper json;
    private final String publicUrl;

    EmbedScript(ObjectMapper json, @Value("${consentflow.public-url}") String publicUrl) {
        this.json = json;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    ResponseEntity<String> script(SignupForm form) {
        return script(form, PageBrand.NONE);
    }

    /** The script, with the brand's colour and the controller's facts under the form. */
    ResponseEntity<String> script(SignupForm form, PageBrand brand) {
        String action = publicUrl + "/f/" + form.key();
        String markup = asSection(FormPage.form(form, action, Map.of(), List.of())) + brand.footer();
        String thanks = asSection(FormPage.thanks(form));
        String style = Pages.STYLE.replace("body{", ".cf-embed{").replace("main{", ".cf-main{")
                .replace("h1{", "h2{") + brand.style();
        String script = SCRIPT.formatted(literal("/f/" + form.key()), literal(form.definition().titleOrDefault()),
                literal(style), literal(markup), literal("The signup could not be sent. Please try again."),
                literal(thanks));
        return ResponseEntity.ok()
                .contentType(JAVASCRIPT)
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)))
                .header("Cross-Origin-Resource-Policy", "cross-origin")
                .body(script);
    }

    /** The customer's page has its own {@code <h1>}: the form's title is a heading of the second level there. */
    private static String asSection(String html) {
        return html.replace("<h1>", "<h2>").replace("</h1>", "</h2>");
    }

    private String literal(String value) {
        try {
            return json.writeValueAsString(value).replace("</", "<\\/").replace("<!--", "<\\!--")
                    .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
