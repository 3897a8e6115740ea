package postgres

import (
	"context"
	"fmt"
)

// crawlerLock is the advisory lock the store's one importing process holds
// for as long as it runs.
const crawlerLock = 0x6b6b0003

// HoldWriter makes this process the store's one importing process: it
// takes a lock that the database keeps for as long as the connection lives
// (a process that dies loses it), waiting while another process holds it;
// waiting is called once when it must. release gives it back.
func (d *DB) HoldWriter(ctx context.Context, waiting func()) (release func(), err error) {
	conn, err := d.db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("postgres: writer lock: %w", err)
	}
	var got bool
	if err := conn.QueryRowContext(ctx, `SELECT pg_try_advisory_lock($1)`, crawlerLock).Scan(&got); err != nil {
		conn.Close()
		return nil, fmt.Errorf("postgres: writer lock: %w", err)
	}
	if !got {
		waiting()
		if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, crawlerLock); err != nil {
			conn.Close()
			return nil, fmt.Errorf("postgres: writer lock: %w", err)
		}
	}
	return func() {
		conn.ExecContext(context.Background(), `SELECT pg_advisory_unlock($1)`, crawlerLock)
		conn.Close()
	}, nil
}
