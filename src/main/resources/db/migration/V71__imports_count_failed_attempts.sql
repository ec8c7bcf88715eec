-- Consecutive attempts at an import's next chunk that failed (an error, not a crash: a crash leaves the lease to
-- run out). A committed chunk sets it back to 0; after a few in a row the import ends FAILED instead of being
-- tried again for ever.
alter table imports_import add column failed_attempts integer not null default 0;
