-- The sealed custom field values of an import chunk's new cards.
copy contacts_field (contact_id, name, value_sealed) from stdin
