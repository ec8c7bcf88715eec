-- "The newest card of this address" indexes only cards that have that kind of address: every lookup asks for
-- given indexes (mobile_index in (...), email_index = ...), never for a missing one, so the entries of cards
-- without a mobile number (most cards) or without an email were written for nothing: one index insertion less
-- per imported card.
drop index contacts_contact_mobile_newest;
create index contacts_contact_mobile_newest on contacts_contact (account_id, mobile_index, created_at desc)
    where mobile_index is not null;
drop index contacts_contact_email_newest;
create index contacts_contact_email_newest on contacts_contact (account_id, email_index, created_at desc)
    where email_index is not null;
