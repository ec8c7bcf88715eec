-- Campaign names by id (a campaign's id is its dispatch batch id), for a person's sent-mail history.
select id::text as id, name from campaigns_campaign where account_id = :accountId and id::text in (:ids)
