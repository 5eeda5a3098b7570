package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/store/sqlite"
	"github.com/sitrep/sitrep/store/storetest"
)

func openTemp(t *testing.T) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "sub", "dir", "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func TestContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) sitrep.Store { return openTemp(t) })
}

func TestContractInMemory(t *testing.T) {
	storetest.Run(t, func(t *testing.T) sitrep.Store {
		db, err := sqlite.Open(context.Background(), ":memory:")
		if err != nil {
			t.Fatal(err)
		}
		return db
	})
}
