-- A person's sent-mail history names an automation mail's template by its dispatch message id.
create index campaigns_automation_mail_message on campaigns_automation_mail (message_id);
