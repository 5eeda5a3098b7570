package kb

import (
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestKeyTable(t *testing.T) {
	keys := []string{"rq", "", "dyr zr", "rq", "tnf", "dyr zr", "a"}
	for i := range 2000 {
		keys = append(keys, strconv.Itoa(i%1500))
	}
	tab := newKeyTable(len(keys), 0)
	want := map[string]int32{}
	for _, k := range keys {
		id := tab.insert([]byte(k))
		if w, ok := want[k]; ok && w != id {
			t.Fatalf("insert(%q) = %d again, first %d", k, id, w)
		}
		if _, ok := want[k]; !ok {
			if int(id) != len(want) {
				t.Fatalf("insert(%q) = %d, want the next id %d", k, id, len(want))
			}
			want[k] = id
		}
	}
	got := map[string]int32{}
	for k := range want {
		id, ok := tab.find([]byte(k))
		if !ok {
			t.Errorf("find(%q) not found", k)
		}
		got[k] = id
		if string(tab.key(id)) != k {
			t.Errorf("key(%d) = %q, want %q", id, tab.key(id), k)
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ids (-want +got):\n%s", diff)
	}
	if tab.len() != len(want) {
		t.Errorf("len = %d, want %d", tab.len(), len(want))
	}
	for _, k := range []string{"rqq", "x", "15000"} {
		if id, ok := tab.find([]byte(k)); ok {
			t.Errorf("find(%q) = %d, want not found", k, id)
		}
	}
	var empty *keyTable
	if _, ok := empty.find([]byte("rq")); ok {
		t.Error("nil table finds a key")
	}
}
