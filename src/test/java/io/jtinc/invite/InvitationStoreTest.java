package io.jtinc.invite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hub's invitation directory does not grow for ever: long-expired invitations go when a new one is issued. */
class InvitationStoreTest {
    private static final long DAY = 24 * 3600 * 1000L;
    private static final long WEEK = 7 * DAY;

    @TempDir
    Path base;

    private InvitationStore.Issued invite(InvitationStore store, String node, long now) throws Exception {
        return store.create(node, now + WEEK, false, Optional.empty(), Optional.empty(), base.resolve("hosts"),
                new SecureRandom(), now);
    }

    @Test
    void issuingRemovesInvitationsExpiredForMoreThanThirtyDaysUsedOrNot() throws Exception {
        InvitationStore store = new InvitationStore(base.resolve("invitations"));
        long t0 = 1_700_000_000_000L;
        String oldPending = invite(store, "old_pending", t0).invitation().id();
        String oldUsed = invite(store, "old_used", t0).invitation().id();
        assertTrue(store.markUsed(oldUsed));
        String recent = invite(store, "recent", t0 + 20 * DAY).invitation().id();

        // 38 days after t0 the first two expired 31 days ago; "recent" expired 11 days ago and stays listed.
        long now = t0 + 38 * DAY;
        invite(store, "fresh", now);

        List<String> left = store.list(now).stream().map(e -> e.invitation().node()).toList();
        assertEquals(List.of("recent", "fresh"), left);
        assertFalse(Files.exists(store.dir().resolve(oldPending)));
        assertFalse(Files.exists(store.dir().resolve(oldUsed)));
        assertFalse(Files.exists(store.dir().resolve(oldUsed + InvitationStore.USED)), "its .used marker too");
        assertTrue(Files.exists(store.dir().resolve(recent)));
        assertEquals(InvitationStore.State.EXPIRED, store.list(now).get(0).state());
    }

    @Test
    void nothingIsRemovedBeforeItsTime() throws Exception {
        InvitationStore store = new InvitationStore(base.resolve("invitations"));
        long t0 = 1_700_000_000_000L;
        invite(store, "a", t0);
        invite(store, "b", t0 + WEEK + 30 * DAY - 1);
        assertEquals(2, store.list(t0 + WEEK + 30 * DAY - 1).size());
    }
}
