package kb

import (
	"bytes"
	"hash/maphash"
	"math/bits"
)

// keyTable numbers the distinct Normalize keys of a gazetteer: key ids
// 0, 1, 2... in order of first insertion. It is an open-addressing hash
// table over one byte arena, about half the memory of a map[string]int32
// (no string header or allocation per key) and no slower to probe. It is
// sized once for an upper bound of keys and never grows; it is read-only,
// and so safe for concurrent use, after building.
type keyTable struct {
	seed  maphash.Seed
	arena []byte  // the keys, concatenated in id order
	offs  []int32 // key id i is arena[offs[i]:offs[i+1]]
	slots []int32 // id+1 of the key hashed there, 0 when empty
	mask  uint64
}

// newKeyTable returns a table for at most max keys.
func newKeyTable(max, arenaHint int) *keyTable {
	// A power of two at least 1.5 times max: linear probing stays short.
	n := 1 << bits.Len(uint(max+max/2+1))
	return &keyTable{
		seed:  maphash.MakeSeed(),
		arena: make([]byte, 0, arenaHint),
		offs:  append(make([]int32, 0, max+1), 0),
		slots: make([]int32, n),
		mask:  uint64(n - 1),
	}
}

// len returns the number of keys.
func (t *keyTable) len() int { return len(t.offs) - 1 }

// key returns the key of id.
func (t *keyTable) key(id int32) []byte { return t.arena[t.offs[id]:t.offs[id+1]] }

// find returns the id of key.
func (t *keyTable) find(key []byte) (int32, bool) {
	if t == nil {
		return 0, false
	}
	for i := maphash.Bytes(t.seed, key) & t.mask; ; i = (i + 1) & t.mask {
		s := t.slots[i]
		if s == 0 {
			return 0, false
		}
		if bytes.Equal(t.key(s-1), key) {
			return s - 1, true
		}
	}
}

// insert returns the id of key, numbering it next when it is new. It
// panics when more keys are inserted than the table was made for.
func (t *keyTable) insert(key []byte) int32 {
	for i := maphash.Bytes(t.seed, key) & t.mask; ; i = (i + 1) & t.mask {
		s := t.slots[i]
		if s == 0 {
			if t.len()+1 > len(t.slots)*2/3 {
				panic("kb: key table overfull")
			}
			id := int32(t.len())
			t.arena = append(t.arena, key...)
			t.offs = append(t.offs, int32(len(t.arena)))
			t.slots[i] = id + 1
			return id
		}
		if bytes.Equal(t.key(s-1), key) {
			return s - 1
		}
	}
}
