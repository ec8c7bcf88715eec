package dev.consentflow.subscription.internal;

import java.util.Optional;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.Repository;

interface ConfirmationTokenRepository extends Repository<ConfirmationToken, byte[]> {

    @Query("select * from subscription_confirmation_token where token_hash = :tokenHash")
    Optional<ConfirmationToken> findByHash(byte[] tokenHash);

    @Modifying
    @Query("delete from subscription_confirmation_token where process_instance_id = :processInstanceId")
    int deleteByProcessInstance(String processInstanceId);
}
