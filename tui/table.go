package tui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// table lays rows out in columns under a bold header, marking the
// selected row (-1 for none). Cells are plain text.
func table(header []string, rows [][]string, selected int) string {
	widths := make([]int, len(header))
	for i, h := range header {
		widths[i] = ansi.StringWidth(h)
	}
	for _, r := range rows {
		for i, c := range r {
			widths[i] = max(widths[i], ansi.StringWidth(c))
		}
	}
	line := func(cells []string) string {
		var b strings.Builder
		for i, c := range cells {
			if i > 0 {
				b.WriteString("  ")
			}
			b.WriteString(c)
			if i < len(cells)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-ansi.StringWidth(c)))
			}
		}
		return b.String()
	}
	var b strings.Builder
	b.WriteString(headerStyle.Render("  "+line(header)) + "\n")
	for i, r := range rows {
		b.WriteString(cursorLine(i == selected, line(r)) + "\n")
	}
	return b.String()
}
