insert into contacts_field (contact_id, name, value_sealed) values (:contactId, :name, :valueSealed)
