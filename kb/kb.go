// Package kb is sitrep's knowledge base: the gazetteer of places, the actors
// and the outlets, loaded from data files (built-in defaults embedded under
// data/, overlaid by a user folder). Names live in those files, never in Go.
package kb

import "fmt"

// KB bundles the knowledge the coder reads. It is immutable after Load and
// safe for concurrent use.
type KB struct {
	Places  *Gazetteer
	Actors  *Actors
	Outlets *Outlets
	// Version identifies the data (a hash of the files loaded), recorded on
	// every coded event.
	Version string
}

// Load reads the built-in knowledge base and, when dir is not empty, the
// user's files in dir on top of it.
func Load(dir string) (*KB, error) {
	g, err := loadGazetteer(dir)
	if err != nil {
		return nil, fmt.Errorf("load gazetteer: %w", err)
	}
	a, err := loadActors(dir)
	if err != nil {
		return nil, fmt.Errorf("load actors: %w", err)
	}
	o, err := loadOutlets(dir)
	if err != nil {
		return nil, fmt.Errorf("load outlets: %w", err)
	}
	return &KB{Places: g, Actors: a, Outlets: o, Version: versionOf(g, a, o)}, nil
}
