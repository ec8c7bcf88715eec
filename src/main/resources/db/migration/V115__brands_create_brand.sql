-- Brands (issue 17): who a list's mail and pages speak for. A list names its brand by key (contacts_list.brand);
-- a key without a row here keeps the global sender and plain pages, as before.
create table brands_brand (
    id                  uuid primary key,
    account_id          uuid         not null references accounts_account (id),
    brand_key           varchar(100) not null,
    display_name        varchar(200) not null,
    controller_name     varchar(200),
    controller_address  varchar(500),
    privacy_contact     varchar(254),
    privacy_policy_url  varchar(2000),
    logo_url            varchar(2000),
    accent_colour       varchar(7) check (accent_colour ~ '^#[0-9a-f]{6}$'),
    from_name           varchar(200),
    from_address        varchar(254),
    reply_to            varchar(254),
    sending_domain      varchar(253),
    created_at          timestamptz  not null,
    updated_at          timestamptz  not null,
    unique (account_id, brand_key)
);

-- A brand's DKIM keys: the newest signs; older ones stay published until retire_after, then are retired and
-- their private key is dropped. The private key is sealed under the account's "brands.dkim" key (keys module).
create table brands_dkim_key (
    id                  uuid primary key,
    brand_id            uuid        not null references brands_brand (id),
    account_id          uuid        not null,
    domain              varchar(253) not null,
    selector            varchar(63) not null,
    public_key          text        not null,
    private_key_sealed  bytea,
    key_version         int         not null,
    created_at          timestamptz not null,
    retire_after        timestamptz,
    unique (brand_id, selector)
);
create index brands_dkim_key_brand on brands_dkim_key (brand_id, created_at desc);
