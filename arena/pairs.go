package arena

import (
	"bufio"
	"encoding/json"
	"io"

	"github.com/rlfc/arena/agents"
	"github.com/rlfc/arena/arena/api"
	"github.com/rlfc/arena/lora"
)

// Pair is a preference pair with its provenance: two replies to the same
// prompt whose panel (or rules) scores differ by at least the Space's
// margin. The stored record is the API's wire form.
type Pair = api.Pair

// Provenance says where a pair comes from.
type Provenance = api.Provenance

// parallelPairs pairs every two samples of a round whose scores differ by
// at least the Space's margin.
func parallelPairs(p Plan, r Round) []Pair {
	type cand struct {
		player int
		text   string
		score  float64
	}
	var cands []cand
	for i := range p.Players {
		if r.Errors[i] != "" {
			continue // no reply is not a rejected reply
		}
		for s, rep := range r.Replies[i] {
			cands = append(cands, cand{i, rep.Text, r.Samples[i][s]})
		}
	}
	margin := p.Spec.PairMargin()
	var out []Pair
	for a := range cands {
		for b := a + 1; b < len(cands); b++ {
			hi, lo := cands[a], cands[b]
			if lo.score > hi.score {
				hi, lo = lo, hi
			}
			if hi.score-lo.score < margin || hi.text == lo.text {
				continue
			}
			prompt := messages(agents.Agent{}, *r.Task)
			if hi.player == lo.player {
				prompt = messages(p.Players[hi.player], *r.Task)
			}
			out = append(out, Pair{Prompt: prompt, Chosen: hi.text, Rejected: lo.text, Provenance: Provenance{
				Space: p.Spec.ID, Match: p.ID, Round: r.Index, Move: -1,
				Agents:   [2]string{p.Players[hi.player].ID, p.Players[lo.player].ID},
				Scores:   [2]float64{hi.score, lo.score},
				Margin:   hi.score - lo.score,
				OnPolicy: hi.player == lo.player,
			}})
		}
	}
	return out
}

// gamePairs pairs a player's candidate moves (best-of-k) whose rules scores
// differ by at least the margin; they are on-policy by construction.
func gamePairs(p Plan, r Round) []Pair {
	margin := p.Spec.PairMargin()
	var out []Pair
	for n, mv := range r.Moves {
		if mv.Error != "" && mv.Played < 0 {
			continue
		}
		id := p.Players[mv.Player].ID
		for a := range mv.Candidates {
			for b := a + 1; b < len(mv.Candidates); b++ {
				hi, lo := a, b
				if mv.Scores[lo] > mv.Scores[hi] {
					hi, lo = lo, hi
				}
				d := mv.Scores[hi] - mv.Scores[lo]
				if d < margin || mv.Candidates[hi].Text == mv.Candidates[lo].Text {
					continue
				}
				out = append(out, Pair{Prompt: mv.Prompt, Chosen: mv.Candidates[hi].Text, Rejected: mv.Candidates[lo].Text, Provenance: Provenance{
					Space: p.Spec.ID, Match: p.ID, Round: r.Index, Move: n,
					Agents: [2]string{id, id}, Scores: [2]float64{mv.Scores[hi], mv.Scores[lo]},
					Margin: d, OnPolicy: true,
				}})
			}
		}
	}
	return out
}

// WritePairs writes pairs as JSONL in TRL's conversational form, each line
// followed by its provenance fields, which TRL ignores and `arena train`
// reads past.
func WritePairs(w io.Writer, pairs []Pair) error {
	bw := bufio.NewWriter(w)
	for _, p := range pairs {
		line := lora.ChatPair(p.Prompt, p.Chosen, p.Rejected).CanonicalJSON()
		prov, err := json.Marshal(p.Provenance)
		if err != nil {
			return err
		}
		// Both are JSON objects: splice the provenance into the pair's.
		bw.Write(line[:len(line)-1])
		bw.WriteByte(',')
		bw.Write(prov[1:])
		bw.WriteByte('\n')
	}
	return bw.Flush()
}
