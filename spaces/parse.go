package spaces

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strings"

	toml "github.com/pelletier/go-toml/v2"
)

// Load reads and parses the spec at path; its errors name path as the
// file. A file that cannot be read gives the operating system's error.
func Load(path string) (*Spec, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("spaces: %w", err)
	}
	return Parse(path, data)
}

// Parse decodes a spec strictly and validates it. name is the file name
// its errors give. Every problem is an [*Error] naming the line and key at
// fault: syntax and type errors (which stop the decoding, so they come
// alone), unknown keys and bad values (all of them, first by line, in an
// [ErrorList] when there are several).
func Parse(name string, data []byte) (*Spec, error) {
	loc := locate(data)
	var s Spec
	dec := toml.NewDecoder(bytes.NewReader(data)).DisallowUnknownFields()
	err := dec.Decode(&s)
	var problems ErrorList
	var strict *toml.StrictMissingError
	var decode *toml.DecodeError
	switch {
	case err == nil:
	case errors.As(err, &strict):
		// Only unknown keys: the rest decoded, so its values are checked
		// too and the operator sees everything at once.
		for i := range strict.Errors {
			problems = append(problems, unknownKey(name, loc, &strict.Errors[i]))
		}
	case errors.As(err, &decode):
		return nil, decodeError(name, loc, decode)
	default:
		return nil, &Error{File: name, Line: 1, Col: 1, Msg: err.Error()}
	}
	for _, p := range s.problems() {
		at, written := loc.find(p.key)
		e := &Error{File: name, Line: at.line, Col: at.col, Key: p.key, Msg: p.message(written)}
		problems = append(problems, e)
	}
	if err := asError(problems); err != nil {
		return nil, err
	}
	return &s, nil
}

// Marshal writes the spec as TOML that Parse reads back to an equal Spec.
func (s *Spec) Marshal() ([]byte, error) {
	var b bytes.Buffer
	enc := toml.NewEncoder(&b)
	if err := enc.Encode(s); err != nil {
		return nil, fmt.Errorf("spaces: marshal %s: %w", s.ID, err)
	}
	return b.Bytes(), nil
}

// unknownKey reports a key that no field of Spec takes. A near miss gets a
// suggestion, since a misspelt optional key would otherwise just be
// ignored.
func unknownKey(name string, loc *locator, de *toml.DecodeError) *Error {
	line, col := de.Position()
	key, ok := loc.keyAt(place{line, col})
	if !ok {
		key = strings.Join(de.Key(), ".")
	}
	e := &Error{File: name, Line: line, Col: col, Key: key, Msg: "unknown key"}
	if strings.Contains(de.Error(), "table") {
		e.Msg = "unknown table"
	}
	plain, table, last := stripIndexes(key), "", key
	if i := strings.LastIndexByte(plain, '.'); i >= 0 {
		table, last = plain[:i], plain[i+1:]
	}
	known := knownKeys(table)
	if len(known) == 0 {
		return e
	}
	if near := nearest(last, known); near != "" {
		e.Msg += fmt.Sprintf(", did you mean %q?", near)
	} else {
		e.Msg += "; known keys here: " + strings.Join(known, ", ")
	}
	return e
}

// knownKeys lists the keys of the table at plain (a path without indexes,
// "" for the top level), found from the toml tags of Spec so that the list
// can never go stale.
func knownKeys(plain string) []string {
	t := reflect.TypeFor[Spec]()
	if plain != "" {
		var ok bool
		if t, ok = typeAt(plain); !ok {
			return nil
		}
		if t.Kind() == reflect.Slice {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct {
			return nil
		}
	}
	var keys []string
	for i := range t.NumField() {
		if k := tomlKey(t.Field(i)); k != "" {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}

func fieldByKey(t reflect.Type, key string) (reflect.StructField, bool) {
	for i := range t.NumField() {
		if f := t.Field(i); tomlKey(f) == key {
			return f, true
		}
	}
	return reflect.StructField{}, false
}

func tomlKey(f reflect.StructField) string {
	k, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
	if k == "-" {
		return ""
	}
	return k
}

// nearest returns the known key within two edits of key, if exactly one
// is nearest.
func nearest(key string, known []string) string {
	best, bestD, tie := "", 3, false
	for _, k := range known {
		switch d := editDistance(key, k); {
		case d < bestD:
			best, bestD, tie = k, d, false
		case d == bestD:
			tie = true
		}
	}
	if tie {
		return ""
	}
	return best
}

// editDistance is the Levenshtein distance of two short keys.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// mismatch reads go-toml's type errors, which speak of Go types
// ("cannot decode TOML string into struct field spaces.Spec.Rounds of type
// int"), so they can be said in TOML's terms.
var mismatch = regexp.MustCompile(`^cannot decode TOML (.+?) into .* of type (\S+)$`)

// decodeError turns a syntax or type error into an Error on the key it
// concerns.
func decodeError(name string, loc *locator, de *toml.DecodeError) *Error {
	line, col := de.Position()
	msg := strings.TrimPrefix(de.Error(), "toml: ")
	plain := strings.Join(de.Key(), ".")
	key := plain
	if p, ok := loc.valueAt(place{line, col}, plain); ok {
		key = p
	} else if p, ok := loc.keyAt(place{line, col}); ok && stripIndexes(p) == plain {
		key = p
	}
	if m := mismatch.FindStringSubmatch(msg); m != nil {
		want := "a " + m[2]
		if t, ok := typeAt(plain); ok {
			if strings.HasSuffix(key, "]") && t.Kind() == reflect.Slice {
				t = t.Elem()
			}
			want = tomlKind(t)
		}
		msg = "want " + want + ", got " + article(m[1])
	}
	return &Error{File: name, Line: line, Col: col, Key: key, Msg: msg}
}

// typeAt returns the Go type that the key at plain (a path without
// indexes) decodes into.
func typeAt(plain string) (reflect.Type, bool) {
	t := reflect.TypeFor[Spec]()
	for _, part := range strings.Split(plain, ".") {
		if t.Kind() == reflect.Slice {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct {
			return nil, false
		}
		f, ok := fieldByKey(t, part)
		if !ok {
			return nil, false
		}
		t = f.Type
	}
	return t, true
}

// tomlKind names the TOML value that a Go type decodes from.
func tomlKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "a boolean (true or false)"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "an integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Struct, reflect.Map:
		return "a table"
	}
	return t.String()
}

func article(kind string) string {
	if kind != "" && strings.ContainsRune("aeiou", rune(kind[0])) {
		return "an " + kind
	}
	return "a " + kind
}
