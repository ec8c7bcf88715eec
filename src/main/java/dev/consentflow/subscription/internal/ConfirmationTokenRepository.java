package dev.consentflow.subscription.internal;

import java.util.Optional;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.Repository;

interface ConfirmationTokenRepository extends Repository<ConfirmationToken, byte[]> {

    /** A token as hashed for either purpose, in one look-up: the text of a link does not say which it is. */
    @Query("select * from subscription_confirmation_request_token where token_hash in (:signupHash, :resubscriptionHash)")
    Optional<ConfirmationToken> findByHash(byte[] signupHash, byte[] resubscriptionHash);
}
