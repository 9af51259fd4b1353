// Package progress draws progress bars for long command-line work: a bar
// redrawn in place on a terminal, and plain periodic lines elsewhere (logs,
// CI), so output stays readable in both.
package progress

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

// Bar is one progress bar. It is not safe for concurrent use.
type Bar struct {
	w       io.Writer
	label   string
	total   int
	start   time.Time
	tty     bool
	last    time.Time
	every   time.Duration
	printed bool
}

// New starts a bar for total units of work. On a terminal it redraws in
// place; elsewhere it prints a line at most every 5 seconds.
func New(w io.Writer, label string, total int) *Bar {
	return &Bar{w: w, label: label, total: total, start: time.Now(), tty: isTerminal(w), every: 5 * time.Second}
}

// Update shows that done units are finished; fields is extra text such as
// "loss 2.31".
func (b *Bar) Update(done int, fields string) {
	now := time.Now()
	if !b.tty && b.printed && now.Sub(b.last) < b.every && done < b.total {
		return
	}
	b.last, b.printed = now, true
	line := b.render(done, fields, now)
	if b.tty {
		fmt.Fprintf(b.w, "\r%s\x1b[K", line)
	} else {
		fmt.Fprintln(b.w, line)
	}
}

// Done ends the bar's line.
func (b *Bar) Done() {
	if b.tty && b.printed {
		fmt.Fprintln(b.w)
	}
}

func (b *Bar) render(done int, fields string, now time.Time) string {
	const width = 24
	frac := 0.0
	if b.total > 0 {
		frac = min(1, float64(done)/float64(b.total))
	}
	fill := int(frac * width)
	bar := strings.Repeat("=", fill)
	if fill < width {
		bar += ">" + strings.Repeat(" ", width-fill-1)
	}
	elapsed := now.Sub(b.start)
	eta := "--"
	if done > 0 && done < b.total {
		eta = Duration(time.Duration(float64(elapsed) / float64(done) * float64(b.total-done)))
	} else if done >= b.total {
		eta = "0s"
	}
	s := fmt.Sprintf("%s [%s] %3.0f%% %d/%d", b.label, bar, frac*100, done, b.total)
	if fields != "" {
		s += "  " + fields
	}
	return s + fmt.Sprintf("  elapsed %s  ETA %s", Duration(elapsed), eta)
}

// Duration formats d compactly for people: 45s, 3m07s, 1h02m.
func Duration(d time.Duration) string {
	s := int(d.Round(time.Second) / time.Second)
	switch {
	case s < 60:
		return fmt.Sprintf("%ds", s)
	case s < 3600:
		return fmt.Sprintf("%dm%02ds", s/60, s%60)
	default:
		return fmt.Sprintf("%dh%02dm", s/3600, s/60%60)
	}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0 && os.Getenv("TERM") != "dumb"
}

// Sparkline draws scores in 0..1 as a line of block characters, one per
// score; scores outside 0..1 are drawn at the nearer end.
func Sparkline(scores []float64) string {
	runes := []rune("▁▂▃▄▅▆▇█")
	var b strings.Builder
	for _, s := range scores {
		i := int(s * float64(len(runes)-1))
		b.WriteRune(runes[max(0, min(len(runes)-1, i))])
	}
	return b.String()
}
