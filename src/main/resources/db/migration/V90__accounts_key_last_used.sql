-- When a key was last used, for GET /api/keys: written at most once a minute per key (every request
-- authenticates, so a write per request would double the cost of a read). revoked_at exists since V1.
alter table accounts_api_key add column last_used_at timestamptz;
