insert into imports_import (id, account_id, list_id, format, consent, status, key_id, key_role, bytes, total_rows, created_at)
values (:id, :accountId, :listId, :format, :consent, 'QUEUED', :keyId, :keyRole, :bytes, :totalRows, now())
