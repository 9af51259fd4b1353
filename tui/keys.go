package tui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// keyMap holds the bindings every page shares; pages add their own.
type keyMap struct {
	Quit, Back, Tab, Up, Down, Move, Left, Right, Select, Refresh key.Binding
	Agents, Spaces, Leaderboard, Wallet                           key.Binding
	Yes, No                                                       key.Binding
}

var keys = keyMap{
	Quit:        key.NewBinding(key.WithKeys("ctrl+c", "q"), key.WithHelp("q", "quit")),
	Back:        key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
	Tab:         key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next field")),
	Up:          key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
	Down:        key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
	Move:        key.NewBinding(key.WithKeys("up", "down", "k", "j"), key.WithHelp("↑/↓", "move")),
	Left:        key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", "previous")),
	Right:       key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→/l", "next")),
	Select:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
	Refresh:     key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "refresh")),
	Agents:      key.NewBinding(key.WithKeys("1"), key.WithHelp("1", "agents")),
	Spaces:      key.NewBinding(key.WithKeys("2"), key.WithHelp("2", "spaces")),
	Leaderboard: key.NewBinding(key.WithKeys("3"), key.WithHelp("3", "leaderboard")),
	Wallet:      key.NewBinding(key.WithKeys("4"), key.WithHelp("4", "wallet")),
	Yes:         key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "confirm")),
	No:          key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n", "cancel")),
}

// bind makes a page's own binding.
func bind(k, help string) key.Binding {
	return key.NewBinding(key.WithKeys(k), key.WithHelp(k, help))
}

// move moves a list's cursor for an up or down key, within n items; ok
// is false for any other key.
func move(msg tea.KeyMsg, cursor, n int) (next int, ok bool) {
	switch {
	case key.Matches(msg, keys.Up):
		return max(cursor-1, 0), true
	case key.Matches(msg, keys.Down):
		return max(min(cursor+1, n-1), 0), true
	}
	return cursor, false
}
