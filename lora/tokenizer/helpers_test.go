package tokenizer

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"sync"
	"testing"
)

var proseWords = strings.Fields(`the a an of to and in is it that was for on are with as his they be at one have this from
or had by word but what some we can out other were all there when up use your how said each she which do their time
if will way about many then them write would like so these her long make thing see him two has look more day could go
come did number sound no most people my over know water than call first who may down side been now find any new work
part take get place made live where after back little only round man year came show every good me give our under name
very through just form sentence great think say help low line differ turn cause much mean before move right boy old
too same tell does set three want air well also play small end put home read hand port large spell add even land here
must big high such follow act why ask men change went light kind off need house picture try us again animal point
mother world near build self earth father head stand own page should country found answer school grow study still
learn plant cover food sun four between state keep eye never last let thought city tree cross farm hard start might
story saw far sea draw left late run don't while press close night real life few north It's I'm you're they've we'll`)

// synthDocs returns n short documents like the training corpus: arithmetic
// lines, game transcripts, prose and chat-like turns.
func synthDocs(n int, seed uint64) []string {
	r := rand.New(rand.NewPCG(seed, 7))
	docs := make([]string, 0, n)
	for range n {
		var b strings.Builder
		switch r.IntN(4) {
		case 0:
			for k := range 1 + r.IntN(4) {
				if k > 0 {
					b.WriteByte('\n')
				}
				a, c := r.IntN(1000), r.IntN(1000)
				op, ans := "+", a+c
				if r.IntN(5) == 0 {
					op, ans = "-", a-c
				}
				b.WriteString("Q: " + strconv.Itoa(a) + op + strconv.Itoa(c) + "=" + strconv.Itoa(ans))
			}
		case 1:
			b.WriteString("Tic-tac-toe. X plays first.\n")
			for k := range 3 + r.IntN(6) {
				p := "X"
				if k%2 == 1 {
					p = "O"
				}
				b.WriteString(p + " takes " + strconv.Itoa(1+r.IntN(9)) + ".\n")
			}
			b.WriteString("Board:\nX|O|.\n.|X|O\n.|.|X\nX wins.")
		case 2:
			b.WriteString("Nim with heaps ")
			for k := range 2 + r.IntN(3) {
				if k > 0 {
					b.WriteString(", ")
				}
				b.WriteString(strconv.Itoa(1 + r.IntN(7)))
			}
			b.WriteString(". Player 1 removes " + strconv.Itoa(1+r.IntN(3)) + " from heap " + strconv.Itoa(1+r.IntN(3)) + ".")
		default:
			for k := range 5 + r.IntN(20) {
				w := proseWords[r.IntN(len(proseWords))]
				if k == 0 {
					w = strings.ToUpper(w[:1]) + w[1:]
				} else {
					b.WriteByte(' ')
				}
				b.WriteString(w)
				if r.IntN(8) == 0 {
					b.WriteString([]string{",", ";", ":", " -"}[r.IntN(4)])
				}
			}
			b.WriteString([]string{".", "!", "?", "..."}[r.IntN(4)])
		}
		docs = append(docs, b.String())
	}
	return docs
}

var chatSpecials = []string{"<|endoftext|>", "<|im_start|>", "<|im_end|>"}

var trained = sync.OnceValues(func() (*Tokenizer, error) {
	return Train(synthDocs(4000, 1), TrainOptions{VocabSize: 512, Specials: chatSpecials, SplitDigits: true})
})

// trainedTokenizer is a small tokenizer trained once for the tests.
func trainedTokenizer(t testing.TB) *Tokenizer {
	t.Helper()
	tok, err := trained()
	if err != nil {
		t.Fatal(err)
	}
	return tok
}
