package tui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/rlfc/arena/arena/client"
	"github.com/rlfc/arena/contracts/wallet"
)

// Options configure the terminal UI.
type Options struct {
	// Server is the arena server's base URL, such as
	// "http://127.0.0.1:7070".
	Server string
	// Wallets is the keystore the player signs with.
	Wallets *wallet.Wallets
	// RPC is the chain's JSON-RPC endpoint; empty means the one the
	// server advertises (GET /api/chain).
	RPC string
}

// page is one screen. The root routes messages to the page on top of its
// stack and draws the shared frame (tabs, status line, help bar) around
// it.
type page interface {
	update(msg tea.Msg) (page, tea.Cmd)
	// view draws the page in width×height cells.
	view(width, height int) string
	// help lists the page's own key bindings for the help bar.
	help() []key.Binding
	// typing reports whether a text field has the keys, so that the root
	// passes letters and digits through instead of acting on them.
	typing() bool
}

// closer is a page that holds something to release (a stream) when it is
// left.
type closer interface{ close() }

// drop releases the pages being left.
func drop(pages ...page) {
	for _, p := range pages {
		if c, ok := p.(closer); ok {
			c.close()
		}
	}
}

// pushMsg opens a page over the current one; esc comes back.
type pushMsg struct {
	p   page
	cmd tea.Cmd
}

// push is the command that opens p (and runs its first command).
func push(p page, cmd tea.Cmd) tea.Cmd {
	return func() tea.Msg { return pushMsg{p, cmd} }
}

// popMsg closes the page on top.
type popMsg struct{}

func pop() tea.Msg { return popMsg{} }

// tab is one of the top-level pages the number keys switch between.
type tab int

const (
	tabAgents tab = iota
	tabSpaces
	tabLeaderboard
	tabWallet
)

var tabNames = []string{"Agents", "Spaces", "Leaderboard", "Wallet"}

// Model is the root model: the session, a stack of pages and the frame.
type Model struct {
	s             *session
	stack         []page
	tab           tab
	width, height int
	status        string
	statusErr     bool
	help          help.Model
	auto          *autopilot
	init          tea.Cmd // the first page's first command
}

// New makes the UI's root model; its context bounds every request.
func New(ctx context.Context, opts Options) *Model {
	s := &session{ctx: ctx, api: client.New(opts.Server), wallets: opts.Wallets, rpc: opts.RPC}
	m := &Model{s: s, width: 80, height: 24, help: help.New(), auto: &autopilot{s: s, recent: map[string][]time.Time{}}}
	p := newSignIn(s)
	m.stack, m.init = []page{p}, p.init()
	return m
}

// Run runs the UI on in and out until the player quits or ctx ends.
func Run(ctx context.Context, opts Options, in io.Reader, out io.Writer) error {
	UseColor()
	m := New(ctx, opts)
	defer m.s.close()
	p := tea.NewProgram(m, tea.WithContext(ctx), tea.WithInput(in), tea.WithOutput(out), tea.WithAltScreen())
	_, err := p.Run()
	if errors.Is(err, tea.ErrProgramKilled) && ctx.Err() != nil {
		return nil // interrupted from outside (SIGINT, SIGTERM): a normal way out
	}
	return err
}

// Init starts the first page.
func (m *Model) Init() tea.Cmd { return m.init }

func (m *Model) top() page { return m.stack[len(m.stack)-1] }

// Update routes a message: the frame's own keys first, then the page.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		return m, nil
	case tea.KeyMsg:
		if msg.String() == "ctrl+c" {
			return m, tea.Quit
		}
		m.status, m.statusErr = "", false
		if !m.top().typing() {
			switch {
			case key.Matches(msg, keys.Quit):
				return m, tea.Quit
			case key.Matches(msg, keys.Back) && len(m.stack) > 1:
				return m, pop
			case m.s.signedIn():
				for i, k := range []key.Binding{keys.Agents, keys.Spaces, keys.Leaderboard, keys.Wallet} {
					if key.Matches(msg, k) {
						return m, m.open(tab(i))
					}
				}
			}
		}
	case pushMsg:
		m.stack = append(m.stack, msg.p)
		return m, msg.cmd
	case popMsg:
		if len(m.stack) > 1 {
			drop(m.top())
			m.stack = m.stack[:len(m.stack)-1]
		}
		return m, nil
	case signedInMsg:
		return m, tea.Batch(m.open(tabAgents), m.auto.tick())
	case autoTickMsg:
		return m, tea.Batch(m.auto.run(), m.auto.tick())
	case autoDoneMsg:
		switch {
		case msg.err != nil:
			m.status, m.statusErr = "auto-entry: "+explain(msg.err), true
		case len(msg.notes) > 0:
			m.status, m.statusErr = strings.Join(msg.notes, "; "), false
		}
		return m, nil
	case errMsg:
		m.status, m.statusErr = explain(msg.err), true
	case statusMsg:
		m.status, m.statusErr = string(msg), false
		return m, nil
	}
	p, cmd := m.top().update(msg)
	m.stack[len(m.stack)-1] = p
	return m, cmd
}

// open switches to a top-level page, fresh.
func (m *Model) open(t tab) tea.Cmd {
	m.tab = t
	var p page
	var cmd tea.Cmd
	switch t {
	case tabAgents:
		p, cmd = newAgents(m.s)
	case tabSpaces:
		p, cmd = newSpaces(m.s)
	case tabLeaderboard:
		p, cmd = newLeaderboard(m.s, "")
	case tabWallet:
		p, cmd = newWallet(m.s)
	}
	drop(m.stack...)
	m.stack = []page{p}
	return cmd
}

// View draws the frame: tabs and account, the page, a status line and
// the help bar, each line cut to the terminal's width.
func (m *Model) View() string {
	w, h := max(m.width, 20), max(m.height, 6)
	var b strings.Builder
	b.WriteString(m.tabs(w))
	b.WriteByte('\n')
	b.WriteString(fit(m.top().view(w, h-3), w, h-3))
	b.WriteByte('\n')
	status := m.status
	if m.statusErr {
		status = errorStyle.Render(status)
	}
	b.WriteString(fit(status, w, 1))
	b.WriteByte('\n')
	bindings := m.top().help()
	if !m.top().typing() {
		bindings = append(bindings, keys.Back, keys.Quit)
	}
	m.help.Width = w
	b.WriteString(fit(m.help.ShortHelpView(bindings), w, 1))
	return b.String()
}

func (m *Model) tabs(w int) string {
	parts := []string{titleStyle.Render("Arena")}
	if m.s.signedIn() {
		for i, name := range tabNames {
			parts = append(parts, tabLabel(fmt.Sprintf("%d %s", i+1, name), tab(i) == m.tab))
		}
	}
	left := strings.Join(parts, " ")
	right := ""
	if m.s.signedIn() {
		right = dimStyle.Render(short(m.s.addr.Hex()))
	}
	gap := w - ansi.StringWidth(left) - ansi.StringWidth(right)
	if gap < 1 {
		return ansi.Truncate(left, w, "…")
	}
	return left + strings.Repeat(" ", gap) + right
}

// tabLabel draws a tab; the active one is bracketed as well as
// highlighted, so that it shows without colour.
func tabLabel(label string, active bool) string {
	if active {
		return activeTab.Render("[" + label + "]")
	}
	return tabStyle.Render(label)
}

// fit cuts s to w columns and exactly h lines.
func fit(s string, w, h int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, w, "…")
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

// short abbreviates a long hex string: 0x1234…abcd.
func short(s string) string {
	if len(s) <= 13 {
		return s
	}
	return s[:6] + "…" + s[len(s)-4:]
}
