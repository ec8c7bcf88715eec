-- The origins (scheme://host[:port]) whose pages may post to a form with fetch (CORS) and frame it
-- (frame-ancestors), space-separated; empty: only this server's own pages.
alter table subscription_form add column allowed_origins text not null default '';
