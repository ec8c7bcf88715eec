package dev.consentflow.consent.internal;

import dev.consentflow.consent.ChainVerification;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Verifies a chain in the caller's transaction (a repeatable-read snapshot): from its newest signed checkpoint,
 * so the cost is what was appended since; or from its first entry, checking every checkpoint on the way. A
 * checkpoint that is not signed by us, or that names another hash than its entry has, sends the verification
 * back to the first entry, which names the first entry that does not hold.
 */
@Component
class ChainVerifier {

    private static final int PAGE = 1000;

    private final AuditRowRepository rows;
    private final AuditHeadRepository heads;
    private final AuditCheckpoints checkpoints;

    ChainVerifier(AuditRowRepository rows, AuditHeadRepository heads, AuditCheckpoints checkpoints) {
        this.rows = rows;
        this.heads = heads;
        this.checkpoints = checkpoints;
    }

    AuditHead head(UUID chain) {
        return heads.findById(chain).orElse(new AuditHead(chain, 0, null));
    }

    ChainVerification fromNewestCheckpoint(UUID chain) {
        AuditHead head = head(chain);
        Optional<AuditCheckpoint> newest = checkpoints.newest(chain, head.seq());
        if (newest.isEmpty()) {
            return fromStart(chain);
        }
        AuditCheckpoint checkpoint = newest.get();
        List<AuditRow> at = rows.page(chain, checkpoint.seq() - 1, 1);
        if (!checkpoints.signedByUs(checkpoint) || at.isEmpty() || at.get(0).seq() != checkpoint.seq()
                || !Arrays.equals(at.get(0).hash(), checkpoint.hash())
                || !Arrays.equals(at.get(0).hash(), CanonicalEntry.hash(at.get(0)))) {
            return fromStart(chain);
        }
        ChainWalk walk = new ChainWalk(checkpoint.seq(), checkpoint.hash(), List.of(), checkpoints::signedByUs);
        walk(chain, walk);
        boolean valid = walk.endsAt(head);
        return new ChainVerification(valid, valid ? head.seq() : rows.count(chain), CanonicalEntry.hex(head.hash()),
                walk.firstBroken(), new ChainVerification.Checkpoint(checkpoint.seq(), checkpoint.at()));
    }

    ChainVerification fromStart(UUID chain) {
        AuditHead head = head(chain);
        long entries = rows.count(chain);
        ChainWalk walk = new ChainWalk(0, null, checkpoints.upTo(chain, head.seq()), checkpoints::signedByUs);
        walk(chain, walk);
        walk.endsAt(head);
        return new ChainVerification(walk.firstBroken() == null, entries, CanonicalEntry.hex(head.hash()),
                walk.firstBroken());
    }

    private void walk(UUID chain, ChainWalk walk) {
        for (List<AuditRow> page = rows.page(chain, walk.lastSeq(), PAGE); !page.isEmpty();
                page = rows.page(chain, walk.lastSeq(), PAGE)) {
            for (AuditRow row : page) {
                if (!walk.accept(row)) {
                    return;
                }
            }
        }
    }
}
