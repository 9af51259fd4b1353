package tokenizer

import (
	"strings"
	"testing"
)

func benchmarkEncode(b *testing.B, tok *Tokenizer, text string) {
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		tok.Encode(text)
	}
}

// BenchmarkEncode reports MB/s for corpus-like text with the trained
// tokenizer (warm cache, as in pretraining).
func BenchmarkEncode(b *testing.B) {
	tok, err := Train(synthDocs(20000, 14), TrainOptions{VocabSize: 768, Specials: chatSpecials, SplitDigits: true})
	if err != nil {
		b.Fatal(err)
	}
	text := strings.Join(synthDocs(2000, 15), "\n")
	b.Run("corpus", func(b *testing.B) { benchmarkEncode(b, tok, text) })
	b.Run("corpus-cold", func(b *testing.B) {
		b.SetBytes(int64(len(text)))
		for b.Loop() {
			tok.cache = newPieceCache()
			tok.Encode(text)
		}
	})
	var u strings.Builder
	for range 200 {
		u.WriteString("Ünïcödé тексты 中文字符 😀👍 émoji and ascii mixed, with 12345 digits.\n")
	}
	b.Run("unicode", func(b *testing.B) { benchmarkEncode(b, tok, u.String()) })
}

func BenchmarkEncodeParallel(b *testing.B) {
	tok := trainedTokenizer(b)
	text := strings.Join(synthDocs(2000, 15), "\n")
	b.SetBytes(int64(len(text)))
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			tok.Encode(text)
		}
	})
}
