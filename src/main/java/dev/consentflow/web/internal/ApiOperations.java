package dev.consentflow.web.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every operation of the published contract, in one table: its stable operationId (clients generate method names
 * from it, so it never changes with a Java method name), its capability tag, its summary, and its real answers
 * beyond what every operation of its kind has (see {@link ApiContract}). A new endpoint needs its row here;
 * {@code ApiContractIT} names the operations that have none.
 */
final class ApiOperations {

    /** The capabilities, in the order the documentation shows them. */
    enum Capability {
        ACCOUNTS("Accounts", "Accounts and their API keys (API.md section 2)"),
        USERS("Users", "The people of an account who sign in to the console at /app (API.md section 11)"),
        LISTS("Lists", "An account's mailing lists"),
        FORMS("Forms", "Signup forms: registered by marketers, filled in by people on the public page"),
        BRANDS("Brands", "Who a list's mail and pages speak for: sender, DKIM keys, data controller, logo and colour"),
        SUBSCRIPTIONS("Subscriptions", "Subscribing, unsubscribing, complaints and resubscriptions of erased people"),
        LINKS("Links", "The confirmation and unsubscribe links in mails and SMS: GET never changes anything"),
        CONTACTS("Contacts", "Contact cards, looked up by full address only"),
        AUDIT("Audit", "The hash-chained audit log and a person's timeline"),
        ERASURE("Erasure", "GDPR erasure, with an optional four-eyes approval"),
        EXPORTS("Exports", "Exports of a person, a list or an account; operators' exports need the account's approval"),
        ACCESS_REQUESTS("Access requests", "GDPR access requests with their one-month deadline"),
        TEMPLATES("Templates", "Mail templates with {{field}} placeholders"),
        CAMPAIGNS("Campaigns", "Campaigns, their send and their dispatch ledger"),
        TRACKING("Tracking", "Open pixel and tracked clicks of list mail"),
        IMPORTS("Imports", "CSV and Excel imports, checked whole before they run in the background"),
        AUTOMATIONS("Automations", "The account's deployed flows: running instances, incidents and their retry"),
        WEBHOOKS("Webhooks", "Bounces and complaints that ESP relays post, each verified by the provider's own scheme"),
        OPERATIONS("Operations", "Health and metrics for the platform's operators");

        final String title;
        final String description;

        Capability(String title, String description) {
            this.title = title;
            this.description = description;
        }
    }

    /**
     * What an answer carries: the body springdoc found on the method (as JSON), a problem (RFC 9457), a problem
     * for a JSON post or the page again for a browser's, or a body this table names.
     */
    enum Body { INFERRED, PROBLEM, PROBLEM_OR_HTML, NONE, HTML, FILE, GIF, JAVASCRIPT, TEXT }

    record Answer(int status, String description, Body body) {
    }

    record Operation(String method, String path, String id, Capability tag, String summary, List<Answer> answers) {

        String key() {
            return key(method, path);
        }

        static String key(String method, String path) {
            return method.toUpperCase() + " " + path;
        }
    }

    private static final List<Operation> ALL = List.of(
            op("POST /api/accounts", "createAccount", Capability.ACCOUNTS, "Create an account and its first ADMIN key",
                    ok(201, "The account, with its ADMIN key (shown once)"), fails(409, "An account with this name exists")),
            op("GET /api/accounts/current", "getCurrentAccount", Capability.ACCOUNTS, "Read the caller's account",
                    ok(200, "The account"), fails(404, "Operator keys belong to the platform, not to an account")),
            op("POST /api/keys", "createKey", Capability.ACCOUNTS, "Create an API key of the account",
                    ok(201, "The key, shown once and stored only as a hash")),
            op("GET /api/keys", "listKeys", Capability.ACCOUNTS, "List the account's API keys (never their secrets)",
                    ok(200, "The keys")),
            op("DELETE /api/keys/{id}", "revokeKey", Capability.ACCOUNTS, "Revoke an API key",
                    answer(204, "Revoked: the key answers 401 from now on", Body.NONE),
                    fails(409, "The account's last active ADMIN key: create another ADMIN key first")),
            op("GET /api/accounts/current/keys", "getAccountKeys", Capability.ACCOUNTS,
                    "Read the account's key versions, the data keys each wraps, and the rotation's progress",
                    ok(200, "The key versions and the newest rotation")),
            op("POST /api/accounts/current/keys/rotate", "rotateAccountKey", Capability.ACCOUNTS,
                    "Rotate the account's key: a new version, the data keys re-wrapped under it in the background",
                    ok(202, "Started; the old versions are retired when no data key uses them"),
                    fails(409, "A rotation of the account is still running")),
            op("POST /api/users", "inviteUser", Capability.USERS,
                    "Invite a person to the account's console by mail (the link works 72 hours, once)",
                    ok(201, "The user, INVITED; the invitation mail is on its way"),
                    fails(409, "A console user with this address exists")),
            op("GET /api/users", "listUsers", Capability.USERS,
                    "List the account's console users that are not removed (INVITED or ACTIVE), oldest first",
                    ok(200, "The users")),
            op("DELETE /api/users/{id}", "removeUser", Capability.USERS,
                    "Remove a console user: they cannot sign in any more and their session ends",
                    answer(204, "Removed", Body.NONE)),

            op("POST /api/lists", "createList", Capability.LISTS, "Create a mailing list",
                    ok(201, "The list"), fails(409, "A list with this key exists already")),
            op("GET /api/lists", "listLists", Capability.LISTS, "List the mailing lists", ok(200, "The lists")),
            op("PUT /api/lists/{key}", "replaceList", Capability.LISTS,
                    "Change a list's name, brand, language or tracking (the key stays; what is left out stays)",
                    ok(200, "The list"), fails(404, "No such list")),
            op("PATCH /api/lists/{key}", "changeList", Capability.LISTS,
                    "Change some of a list's name, brand, language and tracking (the key stays)", ok(200, "The list"),
                    fails(404, "No such list")),
            op("GET /api/lists/{key}/messages/{kind}", "getListMessage", Capability.LISTS,
                    "Get a built-in mail of a list (confirmation, reminder, welcome, resubscription): the account's "
                            + "own wording, or the built-in text in the list's language", ok(200, "The template"),
                    fails(404, "No such list or kind")),
            op("PUT /api/lists/{key}/messages/{kind}", "putListMessage", Capability.LISTS,
                    "Override a built-in mail of a list; its placeholders are checked", ok(200, "The template"),
                    fails(404, "No such list or kind")),
            op("DELETE /api/lists/{key}/messages/{kind}", "deleteListMessage", Capability.LISTS,
                    "Go back to the built-in text", answer(204, "The built-in text is used again", Body.NONE),
                    fails(404, "No such list or kind")),
            op("POST /api/lists/{key}/messages/{kind}/preview", "previewListMessage", Capability.LISTS,
                    "Render a list's mail (the given draft, or the one in use) for a sample contact",
                    ok(200, "The rendered subject, HTML and text"), fails(404, "No such list or kind")),

            op("GET /api/lists/{key}/statistics", "getListStatistics", Capability.LISTS,
                    "Read a list's counts by status and its weekly growth and churn (?weeks= 1 to 104, default 12)",
                    ok(200, "The counts and the weeks, oldest first")),

            op("POST /api/forms", "createForm", Capability.FORMS, "Register a signup form",
                    ok(201, "The form with its public URL and embed script"), fails(409, "The form key is taken")),
            op("GET /api/forms", "listForms", Capability.FORMS, "List the account's signup forms", ok(200, "The forms")),
            op("PUT /api/forms/{key}", "changeForm", Capability.FORMS,
                    "Change a signup form: a new version, which the consent evidence of later signups names",
                    ok(200, "The form with its new version"), fails(409, "Another change won: read the form again")),
            op("GET /api/forms/{key}/conversion", "getFormConversion", Capability.FORMS,
                    "Read a form's conversion from the audit log: subscriptions it created, confirmed, expired",
                    ok(200, "The counts")),
            op("PUT /api/forms/{key}/allowed-origins", "setFormAllowedOrigins", Capability.FORMS,
                    "Set the origins whose pages may post to the form with fetch (CORS) and frame it",
                    ok(200, "The form"), fails(404, "No such form in this account")),
            op("POST /api/brands", "createBrand", Capability.BRANDS, "Create a brand",
                    ok(201, "The brand"), fails(409, "A brand with this key exists already")),
            op("GET /api/brands", "listBrands", Capability.BRANDS, "List the account's brands", ok(200, "The brands")),
            op("GET /api/brands/{key}", "getBrand", Capability.BRANDS, "Read a brand with its DKIM keys",
                    ok(200, "The brand"), fails(404, "No such brand in this account")),
            op("PUT /api/brands/{key}", "updateBrand", Capability.BRANDS, "Change a brand (the key stays)",
                    ok(200, "The brand"), fails(404, "No such brand in this account")),
            op("POST /api/brands/{key}/dkim", "createBrandDkimKey", Capability.BRANDS,
                    "Generate the brand's DKIM key, or rotate it: a new selector signs, the old stays published "
                            + "for the grace period",
                    ok(201, "The new key's selector and the TXT record to publish"),
                    fails(404, "No such brand in this account"), fails(409, "The brand has no sending domain")),
            op("GET /f/{key}", "showSignupForm", Capability.FORMS, "Show the public signup form",
                    page(200, "The form page"), page(404, "No such form")),
            op("GET /f/{key}/thanks", "showSignupThanks", Capability.FORMS, "Show the form's thank-you page",
                    page(200, "The thank-you page"), page(404, "No such form")),
            op("GET /f/{key}/embed.js", "getSignupFormScript", Capability.FORMS,
                    "Get the script that puts the form into another page",
                    answer(200, "The script", Body.JAVASCRIPT), answer(404, "No such form", Body.JAVASCRIPT)),
            op("POST /f/{key}", "submitSignup", Capability.FORMS, "Sign up through a form (starts a double opt-in)",
                    ok(202, "JSON post: accepted, whether or not the address is known"),
                    answer(303, "Browser post: to the thank-you page", Body.NONE),
                    answer(400, "Invalid input: a problem for a JSON post, the form again with the errors for a browser",
                            Body.PROBLEM_OR_HTML),
                    answer(404, "No such form", Body.PROBLEM_OR_HTML),
                    answer(429, "Too many signups from this IP or for this address (Retry-After)",
                            Body.PROBLEM_OR_HTML)),

            op("GET /c/{token}", "showConfirmation", Capability.LINKS, "Show the confirmation page (changes nothing)",
                    page(200, "A page with the confirm button"), page(410, "The link is not valid (any more)")),
            op("POST /c/{token}", "confirmSubscription", Capability.LINKS, "Confirm a subscription",
                    page(200, "Confirmed (or confirmed already)"), page(410, "The link is not valid (any more)")),
            op("GET /u/{token}", "showUnsubscribe", Capability.LINKS, "Show the unsubscribe page (changes nothing)",
                    page(200, "This list, or every list of the brand"), page(410, "The link is not valid (any more)")),
            op("POST /u/{token}", "unsubscribeByLink", Capability.LINKS,
                    "Unsubscribe through a link (RFC 8058 one-click, or the page's form)",
                    page(200, "Unsubscribed"), page(410, "The link is not valid (any more)")),

            op("POST /api/subscriptions", "createSubscription", Capability.SUBSCRIPTIONS,
                    "Subscribe a person, confirmed with the consent's evidence or by double opt-in",
                    ok(201, "Confirmed at once (confirmed: true with ip and at)"),
                    ok(202, "A double opt-in started"),
                    fails(409, "The address was erased, or its mobile number belongs to another contact")),
            op("POST /api/lists/{key}/subscriptions", "addContactToList", Capability.SUBSCRIPTIONS,
                    "Add a known contact to a list",
                    ok(201, "Confirmed at once, with the consent's evidence; the card"),
                    ok(202, "A double opt-in started; the card"), ok(200, "On the list already, nothing changed; the card"),
                    fails(409, "The contact was erased")),
            op("POST /api/contacts/{id}/unsubscribe", "unsubscribeContact", Capability.SUBSCRIPTIONS,
                    "Unsubscribe a contact from a list or from every list of its brand",
                    ok(200, "The card, once the change is committed"), fails(409, "The contact was erased")),
            op("POST /api/contacts/{id}/resubscribe", "resubscribeContact", Capability.SUBSCRIPTIONS,
                    "Ask an erased person to opt in again",
                    ok(202, "The confirmation is on its way"),
                    fails(409, "Not a tombstone, not its address, or the address has a newer card")),
            op("POST /api/complaints", "recordComplaint", Capability.SUBSCRIPTIONS,
                    "Record a spam complaint, which unsubscribes the person from that list",
                    ok(200, "What changed"), fails(404, "No such subscription")),

            op("GET /api/contacts", "findContacts", Capability.CONTACTS, "Find contacts by full email address or mobile number",
                    ok(200, "The matching cards (none for a partial address)")),
            op("GET /api/contacts/{id}", "getContact", Capability.CONTACTS, "Read a contact card", ok(200, "The card")),
            op("PATCH /api/contacts/{id}", "changeContact", Capability.CONTACTS, "Change a contact's fields or mobile number",
                    ok(200, "The card"), fails(409, "Erased, or the number belongs to another contact")),

            op("GET /api/contacts/{id}/audit", "getContactTimeline", Capability.AUDIT, "Read a person's timeline",
                    ok(200, "The timeline, oldest first")),
            op("GET /api/audit", "searchAudit", Capability.AUDIT, "Search the account's audit log", ok(200, "The entries")),
            op("GET /api/audit/verify", "verifyAuditChain", Capability.AUDIT, "Verify an audit chain from its newest signed checkpoint",
                    ok(200, "The verification, naming the first broken entry if any")),
            op("POST /api/audit/verifications", "startFullAuditVerification", Capability.AUDIT,
                    "Re-verify an audit chain from its first entry, in the background",
                    ok(202, "Started: its progress")),
            op("GET /api/audit/verifications/{id}", "getFullAuditVerification", Capability.AUDIT,
                    "Read a full re-verification's progress and result", ok(200, "The progress, and the result when finished"),
                    fails(404, "No such verification of this chain")),

            op("POST /api/contacts/{id}/erase", "eraseContact", Capability.ERASURE, "Request a person's GDPR erasure",
                    ok(202, "Requested: erased at once, or waiting for approval"), fails(409, "Erased already")),
            op("GET /api/erasure-requests", "listErasureRequests", Capability.ERASURE, "List recent erasure requests",
                    ok(200, "The requests")),
            op("GET /api/erasure-requests/{id}", "getErasureRequest", Capability.ERASURE, "Read an erasure request",
                    ok(200, "The request")),
            op("POST /api/erasure-requests/{id}/approve", "approveErasureRequest", Capability.ERASURE,
                    "Approve an erasure (another key than the requester's)", ok(200, "The request"),
                    fails(409, "Not waiting for a decision, or decided by the requesting key")),
            op("POST /api/erasure-requests/{id}/reject", "rejectErasureRequest", Capability.ERASURE,
                    "Reject an erasure (another key than the requester's)", ok(200, "The request"),
                    fails(409, "Not waiting for a decision, or decided by the requesting key")),
            op("GET /api/erasure-settings", "getErasureSettings", Capability.ERASURE, "Read the erasure settings",
                    ok(200, "The settings")),
            op("PUT /api/erasure-settings", "changeErasureSettings", Capability.ERASURE,
                    "Require, or stop requiring, a four-eyes approval of erasures", ok(200, "The settings")),
            op("GET /api/retention-settings", "getRetentionSettings", Capability.ERASURE,
                    "Read the account's retention periods", ok(200, "The settings")),
            op("PUT /api/retention-settings", "changeRetentionSettings", Capability.ERASURE,
                    "Change how long behaviour events and the engine's process history are kept (1 to 120 months)",
                    ok(200, "The settings"), fails(400, "a period outside 1 to 120 months, or none given")),

            op("GET /api/accounts/current/record-of-processing", "getRecordOfProcessing", Capability.EXPORTS,
                    "The account's record of processing activities (GDPR Art. 30), as JSON or an Excel file",
                    ok(200, "The record; with format=xlsx or format=json, a file to keep"),
                    fails(400, "format is neither json nor xlsx")),
            op("GET /api/contacts/{id}/export", "exportContact", Capability.EXPORTS, "Export a person's whole record",
                    answer(200, "The file (audited EXPORTED before it streams)", Body.FILE)),
            op("GET /api/lists/{key}/export", "exportList", Capability.EXPORTS, "Export a list with the consent evidence",
                    answer(200, "The file, streamed (audited EXPORTED)", Body.FILE)),
            op("GET /api/exports/account", "exportAccount", Capability.EXPORTS, "Export every contact of the account",
                    answer(200, "The file, streamed (audited EXPORTED)", Body.FILE)),
            op("POST /api/export-requests", "requestExport", Capability.EXPORTS,
                    "Ask an account for an export (operators)", ok(202, "The request, waiting for the account's decision"),
                    fails(404, "No such account, list or contact")),
            op("GET /api/export-requests", "listExportRequests", Capability.EXPORTS, "List the account's export requests",
                    ok(200, "The requests")),
            op("GET /api/export-requests/{id}", "getExportRequest", Capability.EXPORTS, "Read an export request",
                    ok(200, "The request")),
            op("POST /api/export-requests/{id}/approve", "approveExportRequest", Capability.EXPORTS,
                    "Release an export to the operator", ok(200, "The request"),
                    fails(409, "Decided already or expired")),
            op("POST /api/export-requests/{id}/reject", "rejectExportRequest", Capability.EXPORTS,
                    "Refuse an operator's export", ok(200, "The request"), fails(409, "Decided already or expired")),
            op("GET /api/export-requests/{id}/download", "downloadExport", Capability.EXPORTS,
                    "Download a released export (operators)", answer(200, "The file, unmasked", Body.FILE),
                    fails(410, "The release has expired")),

            op("POST /api/access-requests", "openAccessRequest", Capability.ACCESS_REQUESTS,
                    "Record a person's access request and its due date", ok(201, "The request"),
                    fails(404, "No such contact")),
            op("GET /api/access-requests", "listAccessRequests", Capability.ACCESS_REQUESTS,
                    "List access requests, or the overdue ones", ok(200, "The requests")),
            op("GET /api/access-requests/{id}", "getAccessRequest", Capability.ACCESS_REQUESTS, "Read an access request",
                    ok(200, "The request")),
            op("GET /api/access-requests/{id}/download", "downloadAccessRequest", Capability.ACCESS_REQUESTS,
                    "Download the person's export, which answers the request",
                    answer(200, "The file; the request is DELIVERED", Body.FILE)),

            op("POST /api/templates", "createTemplate", Capability.TEMPLATES, "Create a mail template",
                    ok(201, "The template"), fails(409, "A template with this key exists already")),
            op("GET /api/templates", "listTemplates", Capability.TEMPLATES, "List the mail templates", ok(200, "The templates")),
            op("GET /api/templates/{key}", "getTemplate", Capability.TEMPLATES, "Read a mail template",
                    ok(200, "The template")),
            op("PUT /api/templates/{key}", "changeTemplate", Capability.TEMPLATES,
                    "Change a template's subject, HTML and text (the key stays)", ok(200, "The template")),
            op("POST /api/templates/preview", "previewTemplate", Capability.TEMPLATES,
                    "Render subject, HTML and text for a sample contact, as a campaign would, naming unknown placeholders",
                    ok(200, "The rendered parts and the placeholders nothing can fill")),

            op("GET /api/campaigns", "listCampaigns", Capability.CAMPAIGNS,
                    "List the account's campaigns, newest first (?limit= up to 500, default 50; ?before=<id> of the "
                            + "previous page's last for the next page)",
                    ok(200, "The campaigns with their ledger once closed")),
            op("POST /api/campaigns", "createCampaign", Capability.CAMPAIGNS, "Create a campaign of a template to a list",
                    ok(201, "The campaign's id")),
            op("POST /api/campaigns/{id}/send", "sendCampaign", Capability.CAMPAIGNS, "Send a campaign (once)",
                    ok(202, "Sending"), fails(409, "Sent already")),
            op("GET /api/campaigns/{id}", "getCampaign", Capability.CAMPAIGNS, "Read a campaign's status and ledger",
                    ok(200, "The status and counts")),
            op("POST /api/campaigns/{id}/resume", "resumeCampaign", Capability.CAMPAIGNS,
                    "Resume a campaign that paused itself (its bounce or complaint rate passed the thresholds)",
                    ok(200, "The status and counts"), fails(409, "Not paused")),
            op("GET /api/deliverability-settings", "getDeliverabilitySettings", Capability.CAMPAIGNS,
                    "Read the hard-bounce and complaint rates past which a campaign pauses itself",
                    ok(200, "The settings")),
            op("PUT /api/deliverability-settings", "changeDeliverabilitySettings", Capability.CAMPAIGNS,
                    "Change the hard-bounce and complaint rates past which a campaign pauses itself",
                    ok(200, "The settings")),
            op("POST /api/campaigns/{id}/schedule", "scheduleCampaign", Capability.CAMPAIGNS,
                    "Send a draft at a time ({\"at\": an ISO instant in the future, or null for no schedule)",
                    ok(200, "The campaign with its scheduledFor"), fails(409, "Sent already")),
            op("GET /api/campaigns/{id}/audience", "getCampaignAudience", Capability.CAMPAIGNS,
                    "Count whom a send would reach now (the list's CONFIRMED subscriptions)", ok(200, "The audience")),
            op("GET /api/campaigns/{id}/statistics", "getCampaignStatistics", Capability.CAMPAIGNS,
                    "Read a campaign's opens, clicks, unsubscribes and bounces over time, and clicks per link",
                    ok(200, "The timeline (hours, then days) and the links")),

            op("GET /t/o/{token}", "trackOpen", Capability.TRACKING, "Record an open (the pixel)",
                    answer(200, "A transparent 1x1 GIF, for any token", Body.GIF)),
            op("GET /t/c/{token}", "trackClick", Capability.TRACKING, "Record a click and go to the link",
                    answer(302, "To the template's own link", Body.NONE), answer(404, "No such link", Body.NONE)),

            op("POST /api/imports", "startImport", Capability.IMPORTS, "Import a CSV or XLSX file into a list",
                    ok(202, "Checked whole and stored; the rows are imported in the background"),
                    fails(413, "Larger than CONSENTFLOW_IMPORT_MAX_BYTES"), fails(415, "Not a CSV or XLSX file")),
            op("GET /api/imports/{id}", "getImport", Capability.IMPORTS, "Read an import's status and counts",
                    ok(200, "The status")),
            op("GET /api/imports/{id}/rejections", "listImportRejections", Capability.IMPORTS,
                    "List an import's rejected rows (never their values)", ok(200, "A page of rejections")),

            op("GET /api/automations", "listAutomations", Capability.AUTOMATIONS,
                    "List the account's deployed flow versions with who deployed them, running instances and incidents",
                    ok(200, "The flow versions, by key, newest version first")),
            op("GET /api/automations/{definitionId}", "getAutomation", Capability.AUTOMATIONS,
                    "Read a flow version's instances and incidents per activity, and its open incidents with their cause",
                    ok(200, "The flow and its incidents"), fails(404, "No such flow of the account")),
            op("GET /api/automations/{definitionId}/diagram", "getAutomationDiagram", Capability.AUTOMATIONS,
                    "Download a flow version's BPMN as deployed", answer(200, "The BPMN XML", Body.FILE),
                    fails(404, "No such flow of the account")),
            op("POST /api/automations/incidents/{incidentId}/retry", "retryAutomationIncident",
                    Capability.AUTOMATIONS, "Give an incident's failed step another attempt (audited)",
                    ok(202, "The step runs again soon"), fails(404, "No such open incident of the account")),
            op("POST /hooks/ses", "receiveSesEvents", Capability.WEBHOOKS,
                    "Receive Amazon SES (through SNS) delivery events, verified by the SNS signature against its certificate, from a configured topic",
                    ok(200, "Taken: the bounces and complaints in it, and how many were new (unknown mail: 0)"),
                    fails(400, "The body is not the provider's JSON"),
                    fails(401, "Not signed, or not by the provider: nothing changed"),
                    fails(404, "This provider's webhook is not configured on this server")),
            op("POST /hooks/sendgrid", "receiveSendGridEvents", Capability.WEBHOOKS,
                    "Receive SendGrid delivery events, verified by the ECDSA signature of the signed event webhook",
                    ok(200, "Taken: the bounces and complaints in it, and how many were new (unknown mail: 0)"),
                    fails(400, "The body is not the provider's JSON"),
                    fails(401, "Not signed, or not by the provider: nothing changed"),
                    fails(404, "This provider's webhook is not configured on this server")),
            op("POST /hooks/postmark", "receivePostmarkEvents", Capability.WEBHOOKS,
                    "Receive Postmark delivery events, verified by the webhook's basic auth credentials (and IPs, when listed)",
                    ok(200, "Taken: the bounces and complaints in it, and how many were new (unknown mail: 0)"),
                    fails(400, "The body is not the provider's JSON"),
                    fails(401, "Not signed, or not by the provider: nothing changed"),
                    fails(404, "This provider's webhook is not configured on this server")),
            op("POST /hooks/mailgun", "receiveMailgunEvents", Capability.WEBHOOKS,
                    "Receive Mailgun delivery events, verified by the HMAC signature, its age and its one-time token",
                    ok(200, "Taken: the bounces and complaints in it, and how many were new (unknown mail: 0)"),
                    fails(400, "The body is not the provider's JSON"),
                    fails(401, "Not signed, or not by the provider: nothing changed"),
                    fails(404, "This provider's webhook is not configured on this server")),

            op("GET /actuator/health", "getHealth", Capability.OPERATIONS, "Read the server's health",
                    ok(200, "UP"), answer(503, "DOWN or OUT_OF_SERVICE", Body.INFERRED)),
            op("GET /actuator/prometheus", "getMetrics", Capability.OPERATIONS, "Scrape the metrics (Prometheus)",
                    answer(200, "The metrics in the Prometheus text format", Body.TEXT)));

    private static final Map<String, Operation> BY_KEY = ALL.stream()
            .collect(Collectors.toMap(Operation::key, Function.identity()));

    private ApiOperations() {
    }

    static Optional<Operation> find(String method, String path) {
        return Optional.ofNullable(BY_KEY.get(Operation.key(method, path)));
    }

    static List<Operation> all() {
        return ALL;
    }

    private static Operation op(String methodAndPath, String id, Capability tag, String summary, Answer... answers) {
        String[] parts = methodAndPath.split(" ", 2);
        return new Operation(parts[0], parts[1], id, tag, summary, List.of(answers));
    }

    private static Answer ok(int status, String description) {
        return new Answer(status, description, Body.INFERRED);
    }

    private static Answer fails(int status, String description) {
        return new Answer(status, description, Body.PROBLEM);
    }

    private static Answer page(int status, String description) {
        return new Answer(status, description, Body.HTML);
    }

    private static Answer answer(int status, String description, Body body) {
        return new Answer(status, description, body);
    }
}
