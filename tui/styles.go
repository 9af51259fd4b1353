package tui

import (
	"os"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// Styles shared by every page. Colours go through the terminal's profile,
// so a terminal without colour (or NO_COLOR) gets plain text.
var (
	titleStyle    = lipgloss.NewStyle().Bold(true).Foreground(lipgloss.AdaptiveColor{Light: "#5A1FBF", Dark: "#B69CFF"})
	tabStyle      = lipgloss.NewStyle().Padding(0, 1)
	activeTab     = lipgloss.NewStyle().Bold(true).Reverse(true)
	headerStyle   = lipgloss.NewStyle().Bold(true)
	selectedStyle = lipgloss.NewStyle().Bold(true).Foreground(lipgloss.AdaptiveColor{Light: "#005F87", Dark: "#5FD7FF"})
	dimStyle      = lipgloss.NewStyle().Foreground(lipgloss.AdaptiveColor{Light: "#6C6C6C", Dark: "#8A8A8A"})
	errorStyle    = lipgloss.NewStyle().Foreground(lipgloss.AdaptiveColor{Light: "#AF0000", Dark: "#FF5F5F"})
	goodStyle     = lipgloss.NewStyle().Foreground(lipgloss.AdaptiveColor{Light: "#007F00", Dark: "#5FD75F"})
	boxStyle      = lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).Padding(0, 1)
)

// UseColor turns colour off when NO_COLOR is set (https://no-color.org),
// whatever the terminal claims.
func UseColor() {
	if os.Getenv("NO_COLOR") != "" {
		lipgloss.SetColorProfile(termenv.Ascii)
	}
}
