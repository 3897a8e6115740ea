package emil3

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"time"
)

// Documents keeps what a source read of infos and providers, by kind and
// id, for its next run. The store implements it.
type Documents interface {
	// SourceDocuments returns the saved documents among ids.
	SourceDocuments(ctx context.Context, source, kind string, ids []string) (map[string][]byte, error)
	// CountSourceDocuments returns how many documents of kind are saved.
	CountSourceDocuments(ctx context.Context, source, kind string) (int, error)
	// SaveSourceDocuments saves docs and forgets gone; with replace, docs
	// are all there are of kind.
	SaveSourceDocuments(ctx context.Context, source, kind string, docs map[string][]byte, gone []string, replace bool) error
}

// The kinds of saved documents, named as the API's resources.
const (
	kindInfos     = "educationInfos"
	kindProviders = "educationProviders"
)

// documents is one run's infos or providers.
type documents[T any] struct {
	kind string
	what string // for messages: "education info"
	// complete is true when the run lists every one there is (a complete
	// run, or nothing saved yet); otherwise it lists those changed since.
	complete bool
	known    map[string]*T // by id; nil: deleted or not found
	fetched  map[string]*T // read from the API this run, to save
	gone     []string      // listed as deleted, to forget
}

func newDocuments[T any](kind, what string, complete bool) *documents[T] {
	return &documents[T]{kind: kind, what: what, complete: complete, known: map[string]*T{}, fetched: map[string]*T{}}
}

// listDocuments lists one kind of document into d: all of them when d is
// complete or none are saved, else those changed since. each hands put an
// envelope's entries.
func listDocuments[T any](ctx context.Context, s *Source, d *documents[T], since time.Time,
	each func(env *Envelope, put func(id, status string, content *T))) error {
	if !d.complete {
		n, err := s.cfg.Documents.CountSourceDocuments(ctx, s.cfg.ID, d.kind)
		if err != nil {
			return fmt.Errorf("emil3: saved %s: %w", d.kind, err)
		}
		d.complete = n == 0
	}
	if d.complete {
		since = time.Time{}
	}
	return s.list(ctx, d.kind, since, func(env *Envelope) error {
		each(env, func(id, status string, content *T) {
			switch {
			case status != StatusActive:
				d.known[id] = nil
				d.gone = append(d.gone, id)
			case content != nil:
				d.known[id] = content
				d.fetched[id] = content
			}
		})
		return nil
	})
}

// get returns the document id that an event refers to: one listed this
// run, else one an earlier run saved (unchanged since, or it would have
// been listed), else the API's answer by id.
func get[T any](n *normaliser, d *documents[T], id string) (*T, error) {
	if v, ok := d.known[id]; ok {
		if v == nil {
			return nil, skipError(d.what + " " + id + " not found")
		}
		return v, nil
	}
	if docs := n.src.cfg.Documents; docs != nil && !d.complete {
		saved, err := docs.SourceDocuments(n.ctx, n.src.cfg.ID, d.kind, []string{id})
		if err != nil {
			n.err = fmt.Errorf("emil3: saved %s %s: %w", d.what, id, err)
			return nil, n.err
		}
		// A saved document that no longer decodes is asked for again.
		if raw, ok := saved[id]; ok {
			v := new(T)
			if json.Unmarshal(raw, v) == nil {
				d.known[id] = v
				return v, nil
			}
		}
	}
	v, err := lookup[T](n.ctx, n.src, d.kind, id)
	if errors.Is(err, errNotFound) {
		d.known[id] = nil
		return nil, skipError(d.what + " " + id + " not found")
	}
	if err != nil {
		n.err = fmt.Errorf("emil3: %s %s: %w", d.what, id, err)
		return nil, err
	}
	d.known[id] = v
	d.fetched[id] = v
	return v, nil
}

// lookup asks the API for one document by id, for example an info of
// another school type, which the list leaves out.
func lookup[T any](ctx context.Context, s *Source, kind, id string) (*T, error) {
	var e struct {
		Status  string `json:"status"`
		Content *T     `json:"content"`
	}
	if err := s.get(ctx, s.base+"/"+kind+"/"+url.PathEscape(id), &e); err != nil {
		return nil, err
	}
	if e.Status != StatusActive || e.Content == nil {
		return nil, errNotFound
	}
	return e.Content, nil
}

// SaveState saves the infos and providers the last Fetch read from the API,
// so that the next incremental run need not ask for them again. The runner
// calls it once the run's batch is applied: a failed run saves nothing, and
// the next run lists again what changed since the last good one.
func (s *Source) SaveState(ctx context.Context) error {
	n := s.read
	s.read = nil
	if n == nil || s.cfg.Documents == nil {
		return nil
	}
	return errors.Join(save(ctx, s, n.providers), save(ctx, s, n.infos))
}

func save[T any](ctx context.Context, s *Source, d *documents[T]) error {
	docs := make(map[string][]byte, len(d.fetched))
	for id, v := range d.fetched {
		b, err := json.Marshal(v)
		if err != nil {
			return fmt.Errorf("emil3: save %s %s: %w", d.what, id, err)
		}
		docs[id] = b
	}
	return s.cfg.Documents.SaveSourceDocuments(ctx, s.cfg.ID, d.kind, docs, d.gone, d.complete)
}
