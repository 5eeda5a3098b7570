package kb

// Outlets finds news outlets and claim sources by name. (Placeholder.)
type Outlets struct{ version string }

func loadOutlets(dir string) (*Outlets, error) { return &Outlets{}, nil }
