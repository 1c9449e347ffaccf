package org.hlsgateway.security.control;

import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** {@link RevocationState} of one node: concurrent maps, every read and write a memory access. */
public final class LocalRevocationState implements RevocationState {

    private record Account(String username, long generation) {
    }

    private final Map<Long, Account> accounts = new ConcurrentHashMap<>();
    private final Map<String, Long> ids = new ConcurrentHashMap<>();
    private final Set<Long> revoked = ConcurrentHashMap.newKeySet();

    @Override
    public void user(long userId, String username, long generation) {
        accounts.put(userId, new Account(username, generation));
        ids.put(username, userId);
    }

    @Override
    public void userDeleted(long userId) {
        Account gone = accounts.remove(userId);
        if (gone != null) {
            ids.remove(gone.username(), userId);
        }
    }

    @Override
    public void revoke(long tokenId) {
        revoked.add(tokenId);
    }

    @Override
    public OptionalLong generation(long userId) {
        Account account = accounts.get(userId);
        return account == null ? OptionalLong.empty() : OptionalLong.of(account.generation());
    }

    @Override
    public OptionalLong userId(String username) {
        Long id = ids.get(username);
        return id == null ? OptionalLong.empty() : OptionalLong.of(id);
    }

    @Override
    public String username(long userId) {
        Account account = accounts.get(userId);
        return account == null ? null : account.username();
    }

    @Override
    public boolean isRevoked(long tokenId) {
        return revoked.contains(tokenId);
    }

    /** Every user and revoked id as text ({@code u <id> <generation> <name>}, {@code t <id>}), for a snapshot file. */
    public String snapshot() {
        StringBuilder text = new StringBuilder();
        accounts.forEach((id, a) -> text.append("u ").append(id).append(' ').append(a.generation()).append(' ')
                .append(a.username()).append('\n'));
        revoked.forEach(id -> text.append("t ").append(id).append('\n'));
        return text.toString();
    }

    /** Reads back a {@link #snapshot()}; lines it does not understand are skipped. Returns the users read. */
    public int restore(String snapshot) {
        int users = 0;
        for (String line : snapshot.split("\n")) {
            String[] f = line.split(" ", 4);
            try {
                if (f.length == 4 && f[0].equals("u")) {
                    user(Long.parseLong(f[1]), f[3], Long.parseLong(f[2]));
                    users++;
                } else if (f.length == 2 && f[0].equals("t")) {
                    revoke(Long.parseLong(f[1]));
                }
            } catch (NumberFormatException e) {
                // a damaged line: skip it
            }
        }
        return users;
    }
}
