package kb

// Actors finds armed groups, forces and other actors by name. (Placeholder.)
type Actors struct{ version string }

func loadActors(dir string) (*Actors, error) { return &Actors{}, nil }
