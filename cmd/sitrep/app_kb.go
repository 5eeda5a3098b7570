package main

import "github.com/sitrep/sitrep/kb"

// KB loads the knowledge base once: the built-in one overlaid by a.KBDir.
func (a *App) KB() (*kb.KB, error) {
	if a.kb == nil {
		k, err := kb.Load(a.KBDir)
		if err != nil {
			return nil, err
		}
		a.kb = k
	}
	return a.kb, nil
}
