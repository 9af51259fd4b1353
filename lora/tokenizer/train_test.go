package tokenizer

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestTrainDeterministic(t *testing.T) {
	docs := synthDocs(2000, 11)
	opts := TrainOptions{VocabSize: 600, Specials: chatSpecials, SplitDigits: true}
	a, err := Train(docs, opts)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Train(slices.Clone(docs), opts)
	if err != nil {
		t.Fatal(err)
	}
	ja, _ := a.Marshal()
	jb, _ := b.Marshal()
	if !bytes.Equal(ja, jb) {
		t.Error("two runs of Train on the same input differ")
	}
	if a.VocabSize() != 600 {
		t.Errorf("VocabSize = %d, want 600", a.VocabSize())
	}
	for i, sp := range chatSpecials {
		if id, ok := a.TokenID(sp); !ok || id != 600-len(chatSpecials)+i || !a.IsSpecial(id) {
			t.Errorf("special %q: id %d, %v", sp, id, ok)
		}
	}
	for id := range 600 - len(chatSpecials) {
		if a.IsSpecial(id) {
			t.Errorf("learned token %d is special", id)
		}
	}
}

func TestTrainShortens(t *testing.T) {
	tok := trainedTokenizer(t)
	text := strings.Join(synthDocs(500, 12), "\n")
	ids := tok.Encode(text)
	if ratio := float64(len(text)) / float64(len(ids)); ratio < 2 {
		t.Errorf("%.2f bytes per token; learned merges should shorten text more", ratio)
	}
	if tok.Decode(ids) != text {
		t.Error("round trip failed")
	}
	// Every learned token is the concatenation of its merge.
	for i, m := range tok.mergeList {
		id := 256 + i
		want := append(slices.Clone(tok.TokenBytes(int(m[0]))), tok.TokenBytes(int(m[1]))...)
		if !bytes.Equal(tok.TokenBytes(id), want) {
			t.Errorf("token %d = %q, merge of %q", id, tok.TokenBytes(id), want)
		}
	}
}

func TestTrainSplitDigits(t *testing.T) {
	docs := synthDocs(2000, 13)
	split, err := Train(docs, TrainOptions{VocabSize: 500, SplitDigits: true})
	if err != nil {
		t.Fatal(err)
	}
	for id := range split.VocabSize() {
		b := split.TokenBytes(id)
		digits := 0
		for _, c := range b {
			if c >= '0' && c <= '9' {
				digits++
			}
		}
		if digits > 0 && len(b) > 1 {
			t.Errorf("token %q mixes a digit with other bytes", b)
		}
	}
	plain, err := Train(docs, TrainOptions{VocabSize: 500})
	if err != nil {
		t.Fatal(err)
	}
	multi := false
	for id := range plain.VocabSize() {
		if b := plain.TokenBytes(id); len(b) > 1 && b[0] >= '0' && b[0] <= '9' && b[1] >= '0' && b[1] <= '9' {
			multi = true
		}
	}
	if !multi {
		t.Error("GPT-2 pre-tokenization learned no multi-digit token")
	}
}

// Ties go to the pair whose bytes sort first. In the first case the pairs
// " c", "ab", "cd" and "xy" occur twice each (" a" and " x" once), and the
// space sorts first.
func TestTrainTieBreak(t *testing.T) {
	tok, err := Train([]string{"xy cd ab", "ab xy cd"}, TrainOptions{VocabSize: 257})
	if err != nil {
		t.Fatal(err)
	}
	if got := string(tok.TokenBytes(256)); got != " c" {
		t.Errorf("first merge %q, want \" c\" (most frequent, then smallest bytes)", got)
	}
	tok, err = Train([]string{"xy", "cd", "ab"}, TrainOptions{VocabSize: 257})
	if err != nil {
		t.Fatal(err)
	}
	if got := string(tok.TokenBytes(256)); got != "ab" {
		t.Errorf("first merge %q, want \"ab\"", got)
	}
}

func TestTrainRunsOutOfPairs(t *testing.T) {
	tok, err := Train([]string{"abc"}, TrainOptions{VocabSize: 1000, Specials: []string{"<s>"}})
	if err != nil {
		t.Fatal(err)
	}
	if tok.VocabSize() != 256+2+1 {
		t.Errorf("VocabSize = %d, want 259 (2 merges and a special)", tok.VocabSize())
	}
	if got := tok.Encode("abc"); len(got) != 1 {
		t.Errorf("Encode(abc) = %v", got)
	}
}

func TestTrainErrors(t *testing.T) {
	for _, c := range []struct {
		opts TrainOptions
		want string
	}{
		{TrainOptions{VocabSize: 258, Specials: chatSpecials}, "too small"},
		{TrainOptions{VocabSize: 0}, "too small"},
		{TrainOptions{VocabSize: 300, Specials: []string{"<a>", "<a>"}}, "duplicate"},
		{TrainOptions{VocabSize: 300, Specials: []string{""}}, "empty"},
		{TrainOptions{VocabSize: 300, Specials: []string{"\xff"}}, "UTF-8"},
	} {
		_, err := Train([]string{"hello"}, c.opts)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Train(%+v) = %v, want an error with %q", c.opts, err, c.want)
		}
	}
	if _, err := Train(nil, TrainOptions{VocabSize: 256}); err != nil {
		t.Errorf("Train with no merges: %v", err)
	}
}

func TestTrainSpeed(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	docs := synthDocs(20000, 14)
	start := time.Now()
	tok, err := Train(docs, TrainOptions{VocabSize: 768, Specials: chatSpecials, SplitDigits: true})
	if err != nil {
		t.Fatal(err)
	}
	el := time.Since(start)
	n := 0
	for _, d := range docs {
		n += len(d)
	}
	t.Logf("Train on %d documents (%d bytes) to %d tokens: %v", len(docs), n, tok.VocabSize(), el)
	if tok.VocabSize() != 768 {
		t.Errorf("VocabSize = %d, want 768", tok.VocabSize())
	}
	if el > 10*time.Second {
		t.Errorf("Train took %v", el)
	}
}

func BenchmarkTrain(b *testing.B) {
	docs := synthDocs(20000, 14)
	for b.Loop() {
		if _, err := Train(docs, TrainOptions{VocabSize: 768, Specials: chatSpecials, SplitDigits: true}); err != nil {
			b.Fatal(err)
		}
	}
}
