package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"serialdesk/core"
	"serialdesk/data/record"
)

// Change is what another counter changed: the documents it saved or
// cancelled, or Everything (a whole register copied in, or more documents
// than an announcement holds); anything may have changed besides (item
// cards, stock, serials), so lists are shown afresh.
type Change struct {
	Docs       []core.DocRef
	Everything bool
	By         string
}

// announcement is a change as the database passes it on (NOTIFY, sent
// when the operation commits, and only then).
type announcement struct {
	From       string          `json:"from"`
	By         string          `json:"by,omitempty"`
	Docs       []record.DocRef `json:"docs,omitempty"`
	Everything bool            `json:"everything,omitempty"`
}

// announcedDocs is the most documents an announcement names: PostgreSQL
// takes up to 8000 bytes, and an operation that changed more (copying a
// register in) says that everything changed.
const announcedDocs = 100

// announce adds to b what tells the other counters what the operation
// changed.
func (s *Store) announce(t *tx, b *pgx.Batch) error {
	if !t.write || !t.wrote {
		return nil
	}
	a := announcement{From: s.id, By: t.by, Docs: t.docs}
	if len(a.Docs) > announcedDocs || t.everything {
		a.Docs, a.Everything = nil, true
	}
	payload, err := json.Marshal(a)
	if err != nil {
		return err
	}
	b.Queue(`SELECT pg_notify($1, $2)`, s.channel, string(payload))
	return nil
}

// How the listening connection checks the server while nothing happens,
// and how soon it tries again once the server cannot be reached.
const (
	listenCheck = 10 * time.Second
	pingWait    = 5 * time.Second
	retryAfter  = 2 * time.Second
)

// Watch tells changed what other counters change, and reachable when the
// server stops or starts answering, until ctx ends. It connects again by
// itself.
func (s *Store) Watch(ctx context.Context, changed func(Change), reachable func(bool)) {
	go func() {
		up := true // Open reached it a moment ago
		for ctx.Err() == nil {
			err := s.listen(ctx, changed, func() {
				if !up {
					up = true
					reachable(true)
				}
			})
			if ctx.Err() != nil {
				return
			}
			s.log.WithError(err).Warn("the shop server cannot be reached")
			if up {
				up = false
				reachable(false)
			}
			select {
			case <-ctx.Done():
			case <-time.After(retryAfter):
			}
		}
	}()
}

// listen connects, listens, and hands over what it hears until the
// connection fails.
func (s *Store) listen(ctx context.Context, changed func(Change), connected func()) error {
	conn, err := pgx.ConnectConfig(ctx, s.conn)
	if err != nil {
		return err
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(ctx, "LISTEN "+pgx.Identifier{s.channel}.Sanitize()); err != nil {
		return err
	}
	connected()
	for {
		wait, stop := context.WithTimeout(ctx, listenCheck)
		n, err := conn.WaitForNotification(wait)
		stop()
		switch {
		case err == nil:
			var a announcement
			if json.Unmarshal([]byte(n.Payload), &a) != nil || a.From == s.id {
				continue
			}
			changed(Change{Docs: convertRefs(a.Docs), Everything: a.Everything, By: a.By})
		case ctx.Err() != nil:
			return ctx.Err()
		case pgconn.Timeout(err) || errors.Is(err, context.DeadlineExceeded):
			// Quiet for a while: is the server still there?
			ping, stop := context.WithTimeout(ctx, pingWait)
			err := conn.Ping(ping)
			stop()
			if err != nil {
				return err
			}
		default:
			return err
		}
	}
}

func convertRefs(refs []record.DocRef) []core.DocRef {
	out := make([]core.DocRef, 0, len(refs))
	for _, r := range refs {
		if ref := r.Core(); !slices.Contains(out, ref) {
			out = append(out, ref)
		}
	}
	return out
}
