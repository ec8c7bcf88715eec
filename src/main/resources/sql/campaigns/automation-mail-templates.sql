-- The template each automation mail was made from, by dispatch message id, for a person's sent-mail history.
select m.message_id, t.key
  from campaigns_automation_mail m
  join campaigns_template t on t.id = m.template_id
 where m.account_id = :accountId and m.message_id in (:ids)
