package judges

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
)

// llmVerdict is an LLM judge's answer about one reply (pointwise) or one
// pair (pairwise).
type llmVerdict struct {
	// Score is the pointwise score, 1 to 10.
	Score float64
	// Winner is the pairwise choice: "A", "B" or "tie".
	Winner string
	// Reason is the judge's one-line explanation (may be empty).
	Reason string
}

// parseVerdict reads an LLM judge's answer strictly: after trimming, the
// text must be exactly one JSON object, optionally inside one ```json
// fence, with nothing before or after it. Pointwise answers need "score",
// a number from 1 to 10; pairwise answers need "winner", one of "A", "B"
// or "tie" (any case). "reason", when present, must be a string. Other
// keys are ignored, since models like to add some.
//
// Strictness is the point: a judge whose output is parsed loosely (the
// first number anywhere, say) can be steered by a candidate that gets its
// own text echoed back.
func parseVerdict(text string, pairwise bool) (llmVerdict, error) {
	body := unfence(text)
	if !strings.HasPrefix(body, "{") {
		return llmVerdict{}, errors.New("the answer is not a JSON object")
	}
	obj, err := decodeObject(body)
	if err != nil {
		return llmVerdict{}, err
	}

	var v llmVerdict
	if raw, ok := obj["reason"]; ok && !isNull(raw) {
		if err := json.Unmarshal(raw, &v.Reason); err != nil {
			return llmVerdict{}, errors.New(`"reason" must be a string`)
		}
	}
	if pairwise {
		raw, ok := obj["winner"]
		if !ok {
			return llmVerdict{}, errors.New(`the answer has no "winner"`)
		}
		var w string
		if err := json.Unmarshal(raw, &w); err != nil {
			return llmVerdict{}, errors.New(`"winner" must be a string: "A", "B" or "tie"`)
		}
		switch strings.ToLower(strings.TrimSpace(w)) {
		case "a":
			v.Winner = "A"
		case "b":
			v.Winner = "B"
		case "tie":
			v.Winner = "tie"
		default:
			return llmVerdict{}, fmt.Errorf(`"winner" is %q; want "A", "B" or "tie"`, w)
		}
		return v, nil
	}
	raw, ok := obj["score"]
	if !ok {
		return llmVerdict{}, errors.New(`the answer has no "score"`)
	}
	// json.Number also takes a quoted number ("7"); a verdict must give a
	// JSON number, so strings are turned away first.
	var n json.Number
	if t := bytes.TrimSpace(raw); len(t) == 0 || t[0] == '"' || json.Unmarshal(t, &n) != nil {
		return llmVerdict{}, errors.New(`"score" must be a number from 1 to 10`)
	}
	s, err := n.Float64()
	if err != nil || math.IsNaN(s) || s < 1 || s > 10 {
		return llmVerdict{}, fmt.Errorf(`"score" is %s; want a number from 1 to 10`, n)
	}
	v.Score = s
	return v, nil
}

// decodeObject reads body as exactly one JSON object with no text after
// it, keeping each member's raw value. A key given twice is an error:
// which of two scores a judge meant is not ours to guess.
func decodeObject(body string) (map[string]json.RawMessage, error) {
	dec := json.NewDecoder(strings.NewReader(body))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, errors.New("the answer is not a JSON object")
	}
	obj := map[string]json.RawMessage{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, fmt.Errorf("the answer is not valid JSON: %v", err)
		}
		key, ok := tok.(string)
		if !ok {
			return nil, errors.New("the answer is not valid JSON")
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, fmt.Errorf("the answer is not valid JSON: %v", err)
		}
		if _, dup := obj[key]; dup {
			return nil, fmt.Errorf("the answer gives %q twice", key)
		}
		obj[key] = raw
	}
	if tok, err := dec.Token(); err != nil || tok != json.Delim('}') {
		return nil, errors.New("the answer is not valid JSON: the object is not closed")
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("the answer has text after the JSON object")
	}
	return obj, nil
}

// isNull tells whether a raw JSON value is null.
func isNull(raw json.RawMessage) bool { return bytes.Equal(bytes.TrimSpace(raw), []byte("null")) }
