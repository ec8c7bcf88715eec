-- The time zone a console user reads times in (an IANA zone id such as Europe/Copenhagen); null: by language
-- (Danish: Europe/Copenhagen, else UTC).
alter table console_user add column time_zone varchar(64);
