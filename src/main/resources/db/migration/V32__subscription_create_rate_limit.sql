-- Fixed-window counters for signup rate limits, shared by every node. A bucket is an HMAC of what is counted
-- (a client IP, an address), never the IP or address itself.
create table subscription_rate_limit (
    bucket       bytea       primary key,
    window_start timestamptz not null,
    hits         integer     not null
);

create index subscription_rate_limit_window on subscription_rate_limit (window_start);
