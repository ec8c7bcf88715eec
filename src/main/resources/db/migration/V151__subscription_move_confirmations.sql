-- Moves the live rows of the double opt-in's tables (V31) and the resubscription's (V56) into the one mechanism
-- (V150), then drops them. No pending confirmation is lost: a link sent before keeps working, because a token is
-- stored as the HMAC of its purpose's label and the token, and a signup's label stays "CONFIRMATION", the one
-- its links were made with; a sealed click is bound to the process instance id, which stays. An expired double
-- opt-in had its links forgotten already and is not moved: an expired request keeps no row now.
insert into subscription_confirmation_request (process_instance_id, purpose, request_id, account_id,
                                               subscriber_id, subscription_id, channel, state, created_at,
                                               last_requested_at, confirmed_at, click_evidence)
select process_instance_id, 'SIGNUP', request_id, account_id, subscriber_id, subscription_id, channel, state,
       created_at, last_requested_at, confirmed_at, click_evidence
from subscription_double_opt_in
where state <> 'EXPIRED';

insert into subscription_confirmation_request (process_instance_id, purpose, request_id, account_id,
                                               subscriber_id, tombstone_id, resubscription_id, list_key, channel,
                                               state, created_at, last_requested_at, confirmed_at, click_evidence)
select process_instance_id, 'RESUBSCRIPTION', request_id, account_id, subscriber_id, tombstone_id,
       resubscription_id, list_key, channel, state, created_at, last_requested_at, confirmed_at, click_evidence
from subscription_resubscribe;

insert into subscription_confirmation_request_token (token_hash, purpose, process_instance_id, created_at)
select token.token_hash, 'SIGNUP', token.process_instance_id, token.created_at
from subscription_confirmation_token token
join subscription_double_opt_in double_opt_in using (process_instance_id)
where double_opt_in.state <> 'EXPIRED';

insert into subscription_confirmation_request_token (token_hash, purpose, process_instance_id, created_at)
select token_hash, 'RESUBSCRIPTION', process_instance_id, created_at
from subscription_resubscribe_token;

drop table subscription_resubscribe_token;
drop table subscription_resubscribe;
drop table subscription_confirmation_token;
drop table subscription_double_opt_in;
