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

// Which replies become training pairs. A pair teaches its chosen reply
// (and, through DPO's reference term, shapes everything near its rejected
// one) to every agent trained on it, its peers' included, so only text
// the arena can vouch for goes in:
//
//   - both replies are verified (Check.Status is agents.Verified: the
//     arena re-drew them from their seed with the declared model, or
//     wrote them itself, in process); a checked, unverified or failed
//     reply, or one not checked at all, is in no pair, chosen or
//     rejected;
//   - neither holds a special token's text (agents.HasSpecialText):
//     Bounded cuts replies there, and this is the last check;
//   - the chosen reply matches the Space's answer format exactly
//     (spaces.Training.ChosenPattern), so that a right answer carrying
//     anything else ("57<|im_end|>" and a payload, "57.", "B-2 A-1") is
//     never taught. A Space whose pattern does not compile (a spec that
//     skipped validation) gives no pairs.

// pairable reports whether a reply may be either side of a pair.
func pairable(rep agents.Reply) bool {
	return rep.Check != nil && rep.Check.Status == agents.Verified && !agents.HasSpecialText(rep.Text)
}

// replyVersion is the adapter version that wrote a reply: the one it
// names, else the one its author was asked to play (a paired reply is
// verified, and verification refuses a reply naming another version).
func replyVersion(rep agents.Reply, author agents.Agent) string {
	if rep.Adapter != "" {
		return rep.Adapter
	}
	return author.Adapter
}

// chosenFormat returns a test of the Space's answer format for chosen
// replies, or ok=false when the Space's pattern is broken.
func chosenFormat(p Plan) (match func(string) bool, ok bool) {
	re, err := p.Spec.Training.ChosenRE()
	switch {
	case err != nil:
		return nil, false
	case re == nil:
		return func(string) bool { return true }, true
	}
	return re.MatchString, true
}

// parallelPairs pairs every two samples of a round whose scores differ by
// at least the Space's margin, among the replies that may be paired (see
// pairable), keeping the pairs whose chosen reply is in the Space's
// answer format.
func parallelPairs(p Plan, r Round) []Pair {
	chosenOK, ok := chosenFormat(p)
	if !ok {
		return nil
	}
	type cand struct {
		player  int
		text    string
		score   float64
		version string
	}
	var cands []cand
	for i := range p.Players {
		if r.Errors[i] != "" {
			continue // no reply is not a rejected reply
		}
		for s, rep := range r.Replies[i] {
			if pairable(rep) {
				cands = append(cands, cand{i, rep.Text, r.Samples[i][s], replyVersion(rep, p.Players[i])})
			}
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
			if hi.score-lo.score < margin || hi.text == lo.text || !chosenOK(hi.text) {
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
				Versions: [2]string{hi.version, lo.version},
			}})
		}
	}
	return out
}

// gamePairs pairs a player's candidate moves (best-of-k) whose rules scores
// differ by at least the margin; they are on-policy by construction. The
// candidates are held to the same rules as parallelPairs'.
func gamePairs(p Plan, r Round) []Pair {
	chosenOK, ok := chosenFormat(p)
	if !ok {
		return nil
	}
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
				if d < margin || mv.Candidates[hi].Text == mv.Candidates[lo].Text ||
					!pairable(mv.Candidates[hi]) || !pairable(mv.Candidates[lo]) || !chosenOK(mv.Candidates[hi].Text) {
					continue
				}
				out = append(out, Pair{Prompt: mv.Prompt, Chosen: mv.Candidates[hi].Text, Rejected: mv.Candidates[lo].Text, Provenance: Provenance{
					Space: p.Spec.ID, Match: p.ID, Round: r.Index, Move: n,
					Agents: [2]string{id, id}, Scores: [2]float64{mv.Scores[hi], mv.Scores[lo]},
					Margin: d, OnPolicy: true,
					Versions: [2]string{replyVersion(mv.Candidates[hi], p.Players[mv.Player]), replyVersion(mv.Candidates[lo], p.Players[mv.Player])},
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
