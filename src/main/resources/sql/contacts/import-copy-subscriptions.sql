-- An import chunk's new subscriptions: CONFIRMED by the import, no IP and no user agent (none was given).
copy contacts_subscription (id, account_id, contact_id, list_id, channel, status, source, subscribed_at,
                            integration, confirmed_at, updated_at, version)
from stdin
