package dev.consentflow.dispatch;

import java.util.List;

/**
 * The services outside this server that personal data is handed to for delivery (GDPR Art. 28 processors, as
 * configured on this server): the SMTP relay and the SMS gateway. For the record of processing.
 */
public interface Processors {

    List<Processor> processors();

    /**
     * @param code     {@code MAIL_RELAY}, {@code SMS_GATEWAY}, or {@code DEV_MAIL} / {@code DEV_SMS} when mail or
     *                 SMS stays inside this server (the development stand-ins)
     * @param endpoint where the data goes: {@code host:port} of the relay, the gateway's scheme, host and port
     *                 (never a path, query or credential)
     * @param security how the data travels: {@code STARTTLS required}, {@code SMTPS}, {@code https}, or
     *                 {@code none} when the connection is not encrypted
     */
    record Processor(String code, String endpoint, String security) {
    }
}
