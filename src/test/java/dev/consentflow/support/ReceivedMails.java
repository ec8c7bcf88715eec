package dev.consentflow.support;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Address;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.awaitility.Awaitility;

/** The mails the embedded SMTP server (GreenMail) received, by recipient, and their decoded parts. */
public final class ReceivedMails {

    private ReceivedMails() {
    }

    /** The mails to an address received so far. */
    public static List<MimeMessage> to(GreenMail greenMail, String address) {
        return Arrays.stream(greenMail.getReceivedMessages()).filter(m -> recipients(m).contains(address)).toList();
    }

    /** The mails to an address, once there are at least {@code atLeast} (within 30 seconds). */
    public static List<MimeMessage> await(GreenMail greenMail, String address, int atLeast) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> to(greenMail, address),
                found -> found.size() >= atLeast);
    }

    /** The message's recipients as one string ({@code [a@x, b@y]}); empty where they cannot be read. */
    public static String recipients(MimeMessage message) {
        try {
            Address[] to = message.getAllRecipients();
            return to == null ? "" : Arrays.toString(to);
        } catch (Exception e) {
            return "";
        }
    }

    /** The decoded text of the message's first part of this type, line breaks as {@code \n}; null without one. */
    public static String part(Part message, String type) throws Exception {
        if (message.isMimeType(type)) {
            return ((String) message.getContent()).replace("\r\n", "\n");
        }
        if (message.isMimeType("multipart/*")) {
            Multipart parts = (Multipart) message.getContent();
            for (int i = 0; i < parts.getCount(); i++) {
                String found = part(parts.getBodyPart(i), type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
