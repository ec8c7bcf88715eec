select deployment_id, actor
from engine_flow_deployment
where account_id = :accountId
