//go:build !unix

package main

import (
	"errors"
	"time"
)

// lockIndex cannot tell here whether a process uses the index, so restore
// refuses rather than risk replacing a store in use.
func lockIndex(string, time.Duration) (func(), error) {
	return nil, errors.New("restore needs flock (Unix); stop the service and copy the store by hand")
}
