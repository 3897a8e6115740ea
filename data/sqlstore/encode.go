package sqlstore

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"

	"kurskatalog/data/catalog"
)

// Encode serialises an offering without its provenance times, which the
// store keeps in columns, so that the hash changes only when content does.
func Encode(o *catalog.Offering) (doc, hash string, err error) {
	c := *o
	c.Provenance.FirstSeen, c.Provenance.LastSeen, c.Provenance.LastChanged = zeroTime, zeroTime, zeroTime
	c.Sources = nil
	b, err := json.Marshal(&c)
	if err != nil {
		return "", "", err
	}
	sum := sha256.Sum256(b)
	return string(b), hex.EncodeToString(sum[:16]), nil
}
