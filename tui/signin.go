package tui

import (
	"context"
	"crypto/ecdsa"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/rlfc/arena/arena/api"
	"github.com/rlfc/arena/arena/auth"
)

// signIn is the first page: pick or create a keystore wallet, unlock it,
// read the server's sign-in message, sign it.
type signIn struct {
	s       *session
	wallets []common.Address
	cursor  int // into wallets, then "create" and "import"
	step    signInStep
	inputs  []textinput.Model // the password step's: key, password, repeat
	focus   int
	ch      api.Challenge
	busy    string
	problem string
}

type signInStep int

const (
	pickWallet signInStep = iota
	enterPassword
	readMessage
)

type walletsMsg []common.Address

type unlockedMsg struct {
	key  *ecdsa.PrivateKey
	addr common.Address
}

type challengeMsg api.Challenge

// signedInMsg tells the root that the session holds a token.
type signedInMsg struct{}

func newSignIn(s *session) *signIn {
	return &signIn{s: s}
}

func secretInput(placeholder string) textinput.Model {
	t := textinput.New()
	t.Prompt = ""
	t.Placeholder = placeholder
	t.EchoMode = textinput.EchoPassword
	t.EchoCharacter = '•'
	t.CharLimit = 256
	t.Width = 40
	return t
}

func (p *signIn) init() tea.Cmd {
	return p.s.do(func(context.Context) (tea.Msg, error) {
		addrs, err := p.s.wallets.List()
		return walletsMsg(addrs), err
	})
}

func (p *signIn) creating() bool  { return p.cursor == len(p.wallets) }
func (p *signIn) importing() bool { return p.cursor == len(p.wallets)+1 }

// labels name the password step's inputs.
func (p *signIn) labels() []string {
	switch {
	case p.creating():
		return []string{"password", "again"}
	case p.importing():
		return []string{"private key", "password", "again"}
	}
	return []string{"password"}
}

func (p *signIn) typing() bool { return p.step == enterPassword }

func (p *signIn) help() []key.Binding {
	switch p.step {
	case enterPassword:
		return []key.Binding{bind("enter", "unlock"), bind("esc", "back"), bind("ctrl+c", "quit")}
	case readMessage:
		return []key.Binding{bind("y", "sign"), bind("n", "cancel")}
	}
	return []key.Binding{keys.Move, bind("enter", "choose")}
}

func (p *signIn) update(msg tea.Msg) (page, tea.Cmd) {
	switch msg := msg.(type) {
	case walletsMsg:
		p.wallets = msg
		p.cursor = 0
	case errMsg:
		p.busy = "" // the status line says why
		if p.step == readMessage {
			p.step = pickWallet
		}
	case unlockedMsg:
		p.s.key, p.s.addr = msg.key, msg.addr
		p.busy = "asking " + p.s.api.BaseURL + " for a sign-in message…"
		return p, p.s.do(func(ctx context.Context) (tea.Msg, error) {
			ch, err := p.s.api.Challenge(ctx, msg.addr.Hex())
			return challengeMsg(ch), err
		})
	case challengeMsg:
		p.busy, p.step, p.ch = "", readMessage, api.Challenge(msg)
	case tea.KeyMsg:
		return p.key(msg)
	}
	return p, nil
}

func (p *signIn) key(msg tea.KeyMsg) (page, tea.Cmd) {
	if p.busy != "" {
		return p, nil
	}
	switch p.step {
	case pickWallet:
		if c, ok := move(msg, p.cursor, len(p.wallets)+2); ok {
			p.cursor = c
			return p, nil
		}
		switch {
		case key.Matches(msg, keys.Select):
			p.step, p.problem, p.focus = enterPassword, "", 0
			p.inputs = nil
			for _, l := range p.labels() {
				p.inputs = append(p.inputs, secretInput(l))
			}
			return p, p.inputs[0].Focus()
		}
	case enterPassword:
		switch msg.String() {
		case "esc":
			p.step = pickWallet
			return p, nil
		case "tab", "down", "up", "shift+tab", "enter":
			step := 1
			if s := msg.String(); s == "up" || s == "shift+tab" {
				step = -1
			}
			if msg.String() == "enter" && p.focus == len(p.inputs)-1 {
				return p, p.unlock()
			}
			p.inputs[p.focus].Blur()
			p.focus = (p.focus + step + len(p.inputs)) % len(p.inputs)
			return p, p.inputs[p.focus].Focus()
		}
		var cmd tea.Cmd
		p.inputs[p.focus], cmd = p.inputs[p.focus].Update(msg)
		return p, cmd
	case readMessage:
		switch {
		case key.Matches(msg, keys.Yes):
			p.busy = "signing in…"
			ch, k := p.ch, p.s.key
			return p, p.s.do(func(ctx context.Context) (tea.Msg, error) {
				sig, err := auth.Sign(k, ch.Message)
				if err != nil {
					return nil, err
				}
				_, err = p.s.api.Redeem(ctx, ch, sig)
				return signedInMsg{}, err
			})
		case key.Matches(msg, keys.No):
			p.step, p.s.key = pickWallet, nil
		}
	}
	return p, nil
}

// unlock decrypts the chosen wallet, or creates or imports one.
func (p *signIn) unlock() tea.Cmd {
	vals := make([]string, len(p.inputs))
	for i, in := range p.inputs {
		vals[i] = in.Value()
	}
	var secret, pass string
	switch {
	case p.creating():
		pass = vals[0]
	case p.importing():
		secret, pass = vals[0], vals[1]
	default:
		pass = vals[0]
	}
	if p.creating() || p.importing() {
		switch {
		case len(pass) < 8:
			p.problem = "a new wallet's password needs at least 8 characters"
			return nil
		case pass != vals[len(vals)-1]:
			p.problem = "the two passwords differ"
			return nil
		}
	}
	p.problem = ""
	var addr common.Address
	switch {
	case p.creating():
		p.busy = "creating a wallet (scrypt takes a second)…"
	case p.importing():
		p.busy = "importing the key (scrypt takes a second)…"
	default:
		addr = p.wallets[p.cursor]
		p.busy = "unlocking " + addr.Hex() + "…"
	}
	creating, importing, w := p.creating(), p.importing(), p.s.wallets
	return p.s.do(func(context.Context) (tea.Msg, error) {
		var err error
		switch {
		case creating:
			addr, err = w.New(pass)
		case importing:
			addr, err = w.Import([]byte(secret), "", pass)
		}
		if err != nil {
			return nil, err
		}
		k, err := w.Unlock(addr, pass)
		if err != nil {
			return nil, err
		}
		return unlockedMsg{k, crypto.PubkeyToAddress(k.PublicKey)}, nil
	})
}

func (p *signIn) view(w, h int) string {
	var b strings.Builder
	b.WriteString(headerStyle.Render("Sign in") + dimStyle.Render("  to "+p.s.api.BaseURL) + "\n\n")
	switch p.step {
	case pickWallet:
		fmt.Fprintf(&b, "Wallets in %s:\n", p.s.wallets.Dir())
		for i, a := range p.wallets {
			b.WriteString(cursorLine(i == p.cursor, a.Hex()) + "\n")
		}
		b.WriteString(cursorLine(p.creating(), "+ create a new wallet") + "\n")
		b.WriteString(cursorLine(p.importing(), "+ import a private key") + "\n")
	case enterPassword:
		switch {
		case p.creating():
			b.WriteString("A new wallet: choose its password (at least 8 characters).\n\n")
		case p.importing():
			b.WriteString("Import a hex private key (serve --dev prints some), stored encrypted\nwith a new password (at least 8 characters).\n\n")
		default:
			fmt.Fprintf(&b, "Unlock %s\n\n", p.wallets[p.cursor].Hex())
		}
		for i, l := range p.labels() {
			b.WriteString(cursorLine(i == p.focus, fmt.Sprintf("%-12s %s", l, p.inputs[i].View())) + "\n")
		}
	case readMessage:
		b.WriteString("The server asks you to sign this message (EIP-4361). It costs nothing\nand signs in only to this server:\n\n")
		b.WriteString(boxStyle.Width(min(w-2, 78)).Render(p.ch.Message) + "\n\n")
		b.WriteString("Sign it? " + headerStyle.Render("y") + "/" + headerStyle.Render("n") + "\n")
	}
	if p.busy != "" {
		b.WriteString("\n" + dimStyle.Render(p.busy) + "\n")
	}
	if p.problem != "" {
		b.WriteString("\n" + errorStyle.Render(p.problem) + "\n")
	}
	return b.String()
}

// cursorLine marks the selected line of a list.
func cursorLine(selected bool, s string) string {
	if selected {
		return selectedStyle.Render("> " + s)
	}
	return "  " + s
}
