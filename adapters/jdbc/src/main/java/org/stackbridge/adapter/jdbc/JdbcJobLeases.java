package org.stackbridge.adapter.jdbc;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.stackbridge.core.port.JobLeases;

/**
 * Job leases in {@code job_lease} (V17): one row per job. Taking a lease is one conditional UPDATE (held by this
 * node, or expired), else an INSERT of the first row; two nodes inserting at once collide on the primary key, the
 * runner retries the loser's unit, whose UPDATE then finds the winner's unexpired lease.
 */
final class JdbcJobLeases implements JobLeases {

    private final Sql sql;

    JdbcJobLeases(Sql sql) {
        this.sql = sql;
    }

    @Override
    public boolean acquire(String job, String node, Instant now, Duration ttl) {
        Instant until = now.plus(ttl);
        if (sql.update("UPDATE job_lease SET node = ?, expires_at = ? WHERE job_name = ? AND (node = ? OR expires_at < ?)",
                node, until, job, node, now) == 1) {
            return true;
        }
        if (sql.count("SELECT COUNT(*) FROM job_lease WHERE job_name = ?", job) > 0) {
            return false;
        }
        sql.update("INSERT INTO job_lease (job_name, node, expires_at) VALUES (?, ?, ?)", job, node, until);
        return true;
    }

    @Override
    public void release(String job, String node, Instant now) {
        sql.update("UPDATE job_lease SET expires_at = ? WHERE job_name = ? AND node = ?", now.minusMillis(1), job, node);
    }

    @Override
    public Optional<Lease> holder(String job) {
        return sql.one("SELECT job_name, node, expires_at FROM job_lease WHERE job_name = ?",
                rs -> new Lease(rs.getString(1), rs.getString(2), Sql.instant(rs, "expires_at")), job);
    }
}
