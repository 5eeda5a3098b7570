package kb

import (
	"crypto/sha256"
	"encoding/hex"
)

// versionOf combines the parts' own versions (hashes of the files each
// loaded) into one short knowledge-base version.
func versionOf(g *Gazetteer, a *Actors, o *Outlets) string {
	h := sha256.New()
	for _, v := range []string{g.version, a.version, o.version} {
		h.Write([]byte(v))
		h.Write([]byte{0})
	}
	return "kb-" + hex.EncodeToString(h.Sum(nil))[:12]
}
