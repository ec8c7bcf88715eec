-- An upload is now stored as the rows its reader found, not as the file's bytes: part 0 holds the header row,
-- each further part one chunk of rows (first_row .. first_row + row_count - 1), each sealed as before. A chunk is
-- one part, so the chunks of one import can be committed in parallel, each deleting its part in the transaction
-- that commits its rows; and an erasure can rewrite the few parts that carry the erased person's address.
-- Imports stored before this version (stored = 'FILE') are converted when a node claims them.
alter table imports_upload_part add column first_row bigint;
alter table imports_upload_part add column row_count integer;
alter table imports_import add column stored varchar(4) not null default 'FILE' check (stored in ('FILE', 'ROWS'));
alter table imports_import alter column stored set default 'ROWS';

-- A person was erased while the account had imports waiting or running: the rows of those uploads that carry the
-- person's address are rewritten without it right after the erasure commits. The row is written in the erasure's
-- transaction (so a crash between the commit and the rewrite loses nothing) and deleted when the rewrite is done.
-- Ids only: the address is found through the tombstone's blind index, never stored here.
create table imports_erasure (
    account_id    uuid        not null,
    subscriber_id uuid        not null,
    created_at    timestamptz not null default now(),
    primary key (account_id, subscriber_id)
);
