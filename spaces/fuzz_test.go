package spaces

import (
	"reflect"
	"testing"
)

// FuzzParse checks that Parse never panics, that every error it returns
// is located, and that any spec it accepts marshals to TOML that parses
// back to an equal spec. Its seeds, in testdata/fuzz/FuzzParse, are the
// built-in Spaces, the good test specs and some broken ones.
func FuzzParse(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Parse("fuzz.toml", data)
		if err != nil {
			problems := allErrors(err)
			if len(problems) == 0 {
				t.Fatalf("error %T is not an *Error: %v", err, err)
			}
			for _, p := range problems {
				if p.File != "fuzz.toml" || p.Line < 1 || p.Col < 1 || p.Msg == "" {
					t.Fatalf("unlocated problem %#v", p)
				}
			}
			return
		}
		out, err := s.Marshal()
		if err != nil {
			t.Fatalf("an accepted spec does not marshal: %v", err)
		}
		back, err := Parse("again.toml", out)
		if err != nil {
			t.Fatalf("a marshalled spec does not parse: %v\n%s", err, out)
		}
		if !reflect.DeepEqual(back, s) {
			t.Fatalf("round trip changed the spec:\n%#v\n%#v\n%s", s, back, out)
		}
	})
}
