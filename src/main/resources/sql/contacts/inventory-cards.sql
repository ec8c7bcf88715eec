-- The account's cards: live, erased (tombstones), and live with a mobile number.
select count(*) filter (where erased_at is null)                            as live,
       count(*) filter (where erased_at is not null)                        as tombstones,
       count(*) filter (where erased_at is null and mobile_index is not null) as with_mobile
from contacts_contact
where account_id = :account
