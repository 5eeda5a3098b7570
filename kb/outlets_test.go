package kb

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func builtinOutlets(t testing.TB) *Outlets {
	t.Helper()
	o, err := loadOutlets("")
	if err != nil {
		t.Fatalf("load outlets: %v", err)
	}
	return o
}

func TestOutletsMentions(t *testing.T) {
	o := builtinOutlets(t)
	type om struct{ Text, Key string }
	tests := []struct {
		name, text string
		want       []om
	}{
		{"monitor by description", "the Britain-based monitor said on Thursday", []om{{"Britain-based monitor", "SOHR"}}},
		{"the Observatory", "according to the Observatory, 29 died", []om{{"the Observatory", "SOHR"}}},
		{"state media phrase", "Syria's state-run SANA news agency reported", []om{{"Syria's state-run SANA news", "SANA"}}},
		{"wire acronyms", "AFP and AP reported; an ap pin", []om{{"AFP", "AFP"}, {"AP", "AP"}}},
		{"told", "a commander told Syria Direct", []om{{"Syria Direct", "SYRIA_DIRECT"}}},
		{"belligerent", "CENTCOM said, and the Russian Defence Ministry denied it", []om{{"CENTCOM", "CENTCOM"}, {"Russian Defence Ministry", "RUS_MOD"}}},
		{"nothing", "the village monitor was broken", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []om
			for _, m := range o.Mentions(tt.text) {
				if tt.text[m.Start:m.End] != m.Text {
					t.Errorf("span %d:%d is not %q", m.Start, m.End, m.Text)
				}
				got = append(got, om{m.Text, m.Outlet.Key})
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Mentions(%q) (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

func TestOutletsFind(t *testing.T) {
	o := builtinOutlets(t)
	tests := []struct{ in, want string }{
		{"Reuters", "REUTERS"},
		{"reuters", "REUTERS"},
		{"The Observatory", "SOHR"},
		{"Syrian Observatory for Human Rights", "SOHR"},
		{"https://www.syriahr.com/en/12345/", "SOHR"},
		{"english.aawsat.com", "ASHARQ"},
		{"news.sky.com", "SKY"},
		{"edition.cnn.com", "CNN"},
		{"www.independent.co.uk", "INDEPENDENT"},
		{"Independent", "INDEPENDENT"},
		{"SANA", "SANA"},
		{"sana.sy", "SANA"},
		{"Middle East Monitor", "MEMO"},
		{"unknown.example.org", ""},
		{"Daily Planet", ""},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := ""
			if out := o.Find(tt.in); out != nil {
				got = out.Key
			}
			if got != tt.want {
				t.Errorf("Find(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestOutletsData(t *testing.T) {
	o := builtinOutlets(t)
	for _, out := range o.All() {
		if !outletKinds[out.Kind] {
			t.Errorf("%s: kind %q", out.Key, out.Kind)
		}
	}
	if o.version == "" {
		t.Error("no version")
	}
}

func TestOutletsUserOverlay(t *testing.T) {
	o, err := loadOutlets("testdata/outlets_user")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ in, want string }{
		{"desert-post.example", "DESERT_POST"},
		{"Desert Post", "DESERT_POST"},
		{"https://syriahr.example/x", "SOHR"},
		{"syriahr.com", "SOHR"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := ""
			if out := o.Find(tt.in); out != nil {
				got = out.Key
			}
			if got != tt.want {
				t.Errorf("Find(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
	if o.Get("SOHR").Kind != "monitor" {
		t.Error("overlay without kind changed the kind")
	}
	if rep, err := Check("testdata/outlets_user"); err != nil || len(rep.Problems) > 0 {
		t.Errorf("Check: %v %v", err, rep.Problems)
	}
}

// FuzzOutletsFind checks that any name, domain or URL is looked up without
// panicking, and that mentions are well-formed spans.
func FuzzOutletsFind(f *testing.F) {
	o := builtinOutlets(f)
	for _, s := range []string{"https://www.syriahr.com/en/1", "english.aawsat.com", "the Observatory", "a:b", "://", ".", "x.y:80/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		o.Find(s)
		for _, m := range o.Mentions(s) {
			if m.Start < 0 || m.End > len(s) || m.Start >= m.End || s[m.Start:m.End] != m.Text {
				t.Fatalf("bad span %d:%d %q in %q", m.Start, m.End, m.Text, s)
			}
		}
	})
}

func BenchmarkOutletsMentions(b *testing.B) {
	o := builtinOutlets(b)
	text := benchText()
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		o.Mentions(text)
	}
}
