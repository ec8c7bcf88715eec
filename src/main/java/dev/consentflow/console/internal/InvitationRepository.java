package dev.consentflow.console.internal;

import java.time.Instant;
import java.util.Optional;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.Repository;

interface InvitationRepository extends Repository<Invitation, byte[]> {

    @Modifying
    @Query("insert into console_invitation (token_hash, user_id, expires_at) values (:tokenHash, :userId, :expiresAt)")
    void insert(byte[] tokenHash, java.util.UUID userId, Instant expiresAt);

    /** Uses the invitation up, if it is still valid: one statement, so two clicks cannot both win. */
    @Query("""
            update console_invitation set used_at = :now
            where token_hash = :tokenHash and used_at is null and expires_at > :now
            returning *""")
    Optional<Invitation> use(byte[] tokenHash, Instant now);

    @Query("select * from console_invitation where token_hash = :tokenHash and used_at is null and expires_at > :now")
    Optional<Invitation> findValid(byte[] tokenHash, Instant now);
}
