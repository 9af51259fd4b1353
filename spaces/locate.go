package spaces

import (
	"sort"
	"strconv"
	"strings"

	"github.com/pelletier/go-toml/v2/unstable"
)

// place is a position in a spec's document, counting from 1.
type place struct{ line, col int }

// located is one key of the document: where its key is written and where
// its value starts (the same place for array elements, which have no key).
type located struct {
	path       string // "payout.shares", "judges[1].weight", "entry.tiers[0]"
	key, value place
}

// locator finds where the keys of a document are written, so that a
// problem found after decoding (a bad value, a judge's complaint) can name
// its line. go-toml reports positions only for the errors it raises itself,
// so the document is walked once more with its own parser.
type locator struct {
	keys   []located
	byPath map[string]place // the first place each path is written
	byKey  map[place]string
	// lineStarts holds the offset of each line's first byte.
	lineStarts []int
	// arrays counts the [[name]] tables seen so far, to index them.
	arrays map[string]int
}

// locate indexes the keys of data. A syntax error stops the walk; the keys
// before it are still indexed, and the decoder reports the error itself.
func locate(data []byte) *locator {
	l := &locator{lineStarts: []int{0}, arrays: map[string]int{},
		byPath: map[string]place{}, byKey: map[place]string{}}
	for i, c := range data {
		if c == '\n' {
			l.lineStarts = append(l.lineStarts, i+1)
		}
	}
	var p unstable.Parser
	p.Reset(data)
	table := ""
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.Table:
			table = keyPath(e)
			l.add(table, l.keyPlace(e), l.keyPlace(e))
		case unstable.ArrayTable:
			name := keyPath(e)
			n := l.arrays[name]
			l.arrays[name] = n + 1
			at := l.keyPlace(e)
			if n == 0 {
				// The bare name, so that "judges" is known to be present.
				l.add(name, at, at)
			}
			table = name + "[" + strconv.Itoa(n) + "]"
			l.add(table, at, at)
		case unstable.KeyValue:
			l.keyValue(table, e)
		}
	}
	return l
}

// keyValue indexes a key-value (of a table or of an inline table) and what
// its value holds.
func (l *locator) keyValue(table string, kv *unstable.Node) {
	path := join(table, keyPath(kv))
	at := l.keyPlace(kv)
	l.value(path, at, kv.Value())
}

// value indexes the value v of path, whose key is at key; arrays index
// their elements as path[i] and inline tables their keys as path.key.
func (l *locator) value(path string, key place, v *unstable.Node) {
	l.add(path, key, l.valuePlace(v, key))
	switch v.Kind {
	case unstable.Array:
		it := v.Children()
		i := 0
		for it.Next() {
			el := it.Node()
			if el.Kind == unstable.Comment {
				continue
			}
			at := l.valuePlace(el, key)
			l.value(path+"["+strconv.Itoa(i)+"]", at, el)
			i++
		}
	case unstable.InlineTable:
		it := v.Children()
		for it.Next() {
			if kv := it.Node(); kv.Kind == unstable.KeyValue {
				l.keyValue(path, kv)
			}
		}
	}
}

func (l *locator) add(path string, key, value place) {
	l.keys = append(l.keys, located{path: path, key: key, value: value})
	if _, ok := l.byPath[path]; !ok {
		l.byPath[path] = key
	}
	if _, ok := l.byKey[key]; !ok {
		l.byKey[key] = path
	}
}

// keyPlace is where the key of a key-value or table header starts.
func (l *locator) keyPlace(n *unstable.Node) place {
	it := n.Key()
	if !it.Next() {
		return place{1, 1}
	}
	return l.at(int(it.Node().Raw.Offset))
}

// valuePlace is where value v starts; arrays carry no range of their own,
// so they borrow their first element's, or else fall back.
func (l *locator) valuePlace(v *unstable.Node, fallback place) place {
	switch {
	case v == nil:
		return fallback
	case v.Kind == unstable.Array:
		it := v.Children()
		for it.Next() {
			if el := it.Node(); el.Kind != unstable.Comment {
				return l.valuePlace(el, fallback)
			}
		}
		return fallback
	case v.Raw.Length == 0 && v.Raw.Offset == 0:
		return fallback
	}
	return l.at(int(v.Raw.Offset))
}

// at converts a byte offset into a line and column.
func (l *locator) at(offset int) place {
	i := sort.SearchInts(l.lineStarts, offset+1) - 1
	return place{line: i + 1, col: offset - l.lineStarts[i] + 1}
}

// find returns where path is written, falling back to its nearest
// enclosing key or table ("judges[1].weight" to "judges[1]" to "judges"),
// and to the top of the document. It reports whether path itself is
// written, which tells a missing key from a bad one.
func (l *locator) find(path string) (place, bool) {
	exact := true
	for p := path; ; exact = false {
		if at, ok := l.byPath[p]; ok {
			return at, exact
		}
		q := parentPath(p)
		if q == p {
			return place{1, 1}, false
		}
		p = q
	}
}

// keyAt returns the indexed path of the key written at pos, if any.
func (l *locator) keyAt(pos place) (string, bool) {
	p, ok := l.byKey[pos]
	return p, ok
}

// valueAt returns the indexed path of the value starting at pos whose path
// without indexes is plain ("entry.tiers" for "entry.tiers[1]"),
// preferring the innermost (an element over its array).
func (l *locator) valueAt(pos place, plain string) (string, bool) {
	best := ""
	for _, k := range l.keys {
		if k.value == pos && stripIndexes(k.path) == plain && len(k.path) > len(best) {
			best = k.path
		}
	}
	return best, best != ""
}

// parentPath drops the last element of a key path: an index or a key.
func parentPath(p string) string {
	if strings.HasSuffix(p, "]") {
		if i := strings.LastIndexByte(p, '['); i > 0 {
			return p[:i]
		}
	}
	if i := strings.LastIndexByte(p, '.'); i > 0 {
		return p[:i]
	}
	return p
}

// stripIndexes drops every [i] of a key path.
func stripIndexes(p string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(p, '[')
		if i < 0 {
			b.WriteString(p)
			return b.String()
		}
		b.WriteString(p[:i])
		j := strings.IndexByte(p[i:], ']')
		if j < 0 {
			return b.String()
		}
		p = p[i+j+1:]
	}
}

// keyPath joins the parts of a node's (possibly dotted) key.
func keyPath(n *unstable.Node) string {
	var parts []string
	it := n.Key()
	for it.Next() {
		parts = append(parts, string(it.Node().Data))
	}
	return strings.Join(parts, ".")
}

func join(table, key string) string {
	if table == "" {
		return key
	}
	return table + "." + key
}
