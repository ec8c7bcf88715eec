-- Every card of an address (Cards.all), the newest first: at most one live card, then its tombstones. In two parts,
-- so each uses its own partial index (the live cards' unique one and the tombstones'; V245). Cards makes two
-- statements of it, one with the email's index column in its place holder, one with the mobile number's.
select * from contacts_contact
where account_id = :accountId and ADDRESS_INDEX in (:indexes) and erased_at is null
union all
select * from contacts_contact
where account_id = :accountId and ADDRESS_INDEX in (:indexes) and erased_at is not null
order by created_at desc, id
