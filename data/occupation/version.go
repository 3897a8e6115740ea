package occupation

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
)

// mappingTables are the embedded files Mapper.Map reads, directly or
// through the taxonomy's canonical groups.
var mappingTables = []string{"ssyk2012.csv", "sun_ssyk.csv", "rules.csv", "legitimation.csv"}

// TablesVersion identifies the mapping's tables: it changes when any of
// them does. Offerings are mapped when they are imported, so a service
// that finds a new version must import every source again (see
// crawler.Runner.FullBefore) for stored offerings to follow the tables.
func TablesVersion() (string, error) {
	h := sha256.New()
	for _, name := range mappingTables {
		b, err := fs.ReadFile(files, name)
		if err != nil {
			return "", err
		}
		h.Write([]byte(name + "\x00"))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))[:16], nil
}
