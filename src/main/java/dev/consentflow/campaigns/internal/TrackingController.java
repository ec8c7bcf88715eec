package dev.consentflow.campaigns.internal;

import java.util.Base64;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** API.md section 7: the open pixel and tracked clicks, public (a mail client has no key). */
@RestController
class TrackingController {

    /** The smallest transparent 1x1 GIF. */
    private static final byte[] PIXEL = Base64.getDecoder()
            .decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    private final Tracking tracking;

    TrackingController(Tracking tracking) {
        this.tracking = tracking;
    }

    /** Always the pixel, so a mail never shows a broken image, whether the token is known or not. */
    @GetMapping("/t/o/{token}")
    ResponseEntity<byte[]> open(@PathVariable String token) {
        tracking.open(token);
        return ResponseEntity.ok().contentType(MediaType.IMAGE_GIF).cacheControl(CacheControl.noStore())
                .body(PIXEL);
    }

    /** A 302 to the stored URL of the link, and a 404 for anything else: never a redirect anywhere else. */
    @GetMapping("/t/c/{token}")
    ResponseEntity<Void> click(@PathVariable String token) {
        return tracking.click(token)
                .map(url -> ResponseEntity.status(HttpStatus.FOUND).header("Location", url)
                        .cacheControl(CacheControl.noStore()).<Void>build())
                .orElseGet(() -> ResponseEntity.notFound().build());
    }
}
