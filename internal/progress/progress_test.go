package progress

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestBarPlainOutput(t *testing.T) {
	var buf bytes.Buffer
	b := New(&buf, "train", 10)
	b.every = time.Hour
	b.Update(1, "loss 2.50")
	b.Update(2, "loss 2.40") // suppressed: too soon after the last line
	b.Update(10, "loss 1.00")
	b.Done()
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("got %d lines, want 2:\n%s", len(lines), buf.String())
	}
	if !strings.Contains(lines[0], "train [") || !strings.Contains(lines[0], " 10% 1/10  loss 2.50") {
		t.Errorf("first line %q", lines[0])
	}
	if !strings.Contains(lines[1], "100% 10/10  loss 1.00") || !strings.Contains(lines[1], "ETA 0s") {
		t.Errorf("last line %q", lines[1])
	}
}

func TestDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		45 * time.Second:             "45s",
		187 * time.Second:            "3m07s",
		62*time.Minute + time.Second: "1h02m",
	} {
		if got := Duration(d); got != want {
			t.Errorf("Duration(%v) = %q, want %q", d, got, want)
		}
	}
}

func TestSparkline(t *testing.T) {
	if got := Sparkline([]float64{0, 0.5, 1, -1, 2}); got != "▁▄█▁█" {
		t.Errorf("Sparkline = %q", got)
	}
}
