insert into engine_flow_deployment (deployment_id, account_id, actor)
values (:deploymentId, :accountId, :actor)
on conflict (deployment_id) do nothing
