-- The language of a list's public pages and built-in mails, and whether its mail is tracked. Tracking is off
-- unless a list turns it on (ePrivacy: the consent text must say so first), and that holds for existing lists
-- too: they were tracked without their forms saying so.
alter table contacts_list
    add column language     varchar(5) not null default 'en' check (language in ('da', 'en', 'de', 'sv', 'nb')),
    add column track_opens  boolean    not null default false,
    add column track_clicks boolean    not null default false;
