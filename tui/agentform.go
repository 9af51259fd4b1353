package tui

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textarea"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/rlfc/arena/agents"
	"github.com/rlfc/arena/arena/api"
	"github.com/rlfc/arena/arena/client"
)

// The agent form's fields, in tab order.
const (
	fieldName = iota
	fieldModel
	fieldSystem
	fieldTemperature
	fieldTopP
	fieldMaxTokens
	fieldAdapter
	fieldAutoSpaces
	fieldAutoTier
	fieldAutoSessions
	numFields
)

var fieldLabels = [numFields]string{"name", "base model", "system prompt", "temperature", "top-p", "max tokens", "adapter", "auto-enter", "fee tier", "sessions"}

// fieldKeys maps the agents package's field names onto the form's.
var fieldKeys = map[string]int{
	"name": fieldName, "model": fieldModel, "system": fieldSystem,
	"sampling.temperature": fieldTemperature, "sampling.top_p": fieldTopP, "sampling.max_tokens": fieldMaxTokens,
	"adapter": fieldAdapter, "auto_enter.spaces": fieldAutoSpaces, "auto_enter.tier": fieldAutoTier, "auto_enter.sessions": fieldAutoSessions,
}

// agentForm creates an agent or edits one: every field of its
// configuration, checked as it is typed, with problems beside the field.
type agentForm struct {
	s        *session
	editing  *api.Agent
	inputs   [numFields]textinput.Model // all but the system prompt and adapter
	system   textarea.Model
	versions []string // the agent's adapter versions; "" is the base model
	version  int
	focus    int
	problems [numFields]string // found here, as the form is typed
	refused  [numFields]string // the server's, until the field is edited
	busy     bool
}

type agentSavedMsg api.Agent

type versionsMsg []api.AdapterVersion

var keySave = bind("ctrl+s", "save")

func newAgentForm(s *session, a *api.Agent) (page, tea.Cmd) {
	f := &agentForm{s: s, editing: a, versions: []string{""}}
	for i := range f.inputs {
		t := textinput.New()
		t.Prompt = ""
		t.CharLimit = 256
		t.Width = 40
		f.inputs[i] = t
	}
	f.inputs[fieldAutoSpaces].Placeholder = "space ids, comma-separated; empty is off"
	f.system = textarea.New()
	f.system.Placeholder = "empty uses each Space's own instructions"
	f.system.ShowLineNumbers = false
	f.system.Prompt = ""
	f.system.SetWidth(56)
	f.system.SetHeight(3)
	f.system.CharLimit = agents.MaxSystemBytes

	cfg := api.AgentConfig{Model: "arena-base", Sampling: agents.Sampling{Temperature: 0.7}}
	if a != nil {
		cfg.Name, cfg.Model, cfg.Endpoint, cfg.Adapter, cfg.Remote = a.Name, a.Model, a.Endpoint, a.Adapter, a.Remote
		cfg.System, cfg.AutoEnter = a.System, a.AutoEnter
		if a.Sampling != nil {
			cfg.Sampling = *a.Sampling
		}
	}
	f.inputs[fieldName].SetValue(cfg.Name)
	f.inputs[fieldModel].SetValue(cfg.Model)
	f.system.SetValue(cfg.System)
	f.inputs[fieldTemperature].SetValue(strconv.FormatFloat(cfg.Sampling.Temperature, 'f', -1, 64))
	f.inputs[fieldTopP].SetValue(numberOrEmpty(cfg.Sampling.TopP))
	if cfg.Sampling.MaxTokens > 0 {
		f.inputs[fieldMaxTokens].SetValue(strconv.Itoa(cfg.Sampling.MaxTokens))
	}
	f.inputs[fieldAutoTier].SetValue("0")
	f.inputs[fieldAutoSessions].SetValue("1")
	if ae := cfg.AutoEnter; ae != nil {
		f.inputs[fieldAutoSpaces].SetValue(strings.Join(ae.Spaces, ","))
		f.inputs[fieldAutoTier].SetValue(strconv.Itoa(ae.Tier))
		f.inputs[fieldAutoSessions].SetValue(strconv.Itoa(ae.Sessions))
	}
	if cfg.Adapter != "" {
		f.versions = append(f.versions, cfg.Adapter)
		f.version = 1
	}
	cmd := f.setFocus(fieldName)
	if a != nil {
		id := a.ID
		cmd = tea.Batch(cmd, s.do(func(ctx context.Context) (tea.Msg, error) {
			vs, err := s.api.Adapters(ctx, id)
			return versionsMsg(vs), err
		}))
	}
	return f, cmd
}

func numberOrEmpty(v float64) string {
	if v == 0 {
		return ""
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

func (f *agentForm) typing() bool { return true }

func (f *agentForm) help() []key.Binding {
	hs := []key.Binding{bind("tab", "next field"), bind("shift+tab", "previous"), keySave, bind("esc", "cancel")}
	if f.focus == fieldAdapter {
		hs = append(hs, bind("←/→", "choose version"))
	}
	return hs
}

// setFocus moves the cursor to field i.
func (f *agentForm) setFocus(i int) tea.Cmd {
	f.focus = (i + numFields) % numFields
	for j := range f.inputs {
		f.inputs[j].Blur()
	}
	f.system.Blur()
	switch f.focus {
	case fieldSystem:
		return f.system.Focus()
	case fieldAdapter:
		return nil
	}
	return f.inputs[f.focus].Focus()
}

func (f *agentForm) update(msg tea.Msg) (page, tea.Cmd) {
	switch msg := msg.(type) {
	case versionsMsg:
		cur := f.versions[f.version]
		f.versions = []string{""}
		for _, v := range msg {
			f.versions = append(f.versions, v.Version)
		}
		if i := indexOf(f.versions, cur); i >= 0 {
			f.version = i
		} else {
			f.versions = append(f.versions, cur)
			f.version = len(f.versions) - 1
		}
		return f, nil
	case errMsg:
		f.busy = false
		var ce *client.Error
		if errors.As(msg.err, &ce) && ce.Code == "bad_request" {
			f.refused = problemsByField(ce.Message)
		}
		return f, nil
	case agentSavedMsg:
		return f, tea.Sequence(pop, func() tea.Msg { return msg }, func() tea.Msg {
			return statusMsg(fmt.Sprintf("saved agent %s (%s)", msg.Name, msg.ID))
		})
	case tea.KeyMsg:
		if f.busy {
			return f, nil
		}
		switch msg.String() {
		case "esc":
			return f, pop
		case "tab":
			return f, f.setFocus(f.focus + 1)
		case "shift+tab":
			return f, f.setFocus(f.focus - 1)
		case "ctrl+s":
			return f, f.save()
		}
		if f.focus == fieldAdapter {
			switch msg.String() {
			case "left", "h":
				f.version = (f.version + len(f.versions) - 1) % len(f.versions)
			case "right", "l", " ":
				f.version = (f.version + 1) % len(f.versions)
			case "down", "enter":
				return f, f.setFocus(f.focus + 1)
			case "up":
				return f, f.setFocus(f.focus - 1)
			}
			return f, nil
		}
		if f.focus != fieldSystem {
			switch msg.String() {
			case "down", "enter":
				return f, f.setFocus(f.focus + 1)
			case "up":
				return f, f.setFocus(f.focus - 1)
			}
		}
	}
	if _, ok := msg.(tea.KeyMsg); ok {
		f.refused[f.focus] = ""
	}
	var cmd tea.Cmd
	if f.focus == fieldSystem {
		f.system, cmd = f.system.Update(msg)
	} else if f.focus != fieldAdapter {
		f.inputs[f.focus], cmd = f.inputs[f.focus].Update(msg)
	}
	f.check()
	return f, cmd
}

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}

// config reads the form; fields that do not parse get a problem.
func (f *agentForm) config() api.AgentConfig {
	f.problems = [numFields]string{}
	num := func(i int, bits int) float64 {
		s := strings.TrimSpace(f.inputs[i].Value())
		if s == "" {
			return 0
		}
		v, err := strconv.ParseFloat(s, bits)
		if err != nil {
			f.problems[i] = fmt.Sprintf("%q is not a number", s)
		}
		return v
	}
	integer := func(i int) int {
		s := strings.TrimSpace(f.inputs[i].Value())
		if s == "" {
			return 0
		}
		v, err := strconv.Atoi(s)
		if err != nil {
			f.problems[i] = fmt.Sprintf("%q is not a whole number", s)
		}
		return v
	}
	cfg := api.AgentConfig{
		Name: strings.TrimSpace(f.inputs[fieldName].Value()), Model: strings.TrimSpace(f.inputs[fieldModel].Value()),
		System: f.system.Value(), Adapter: f.versions[f.version],
		Sampling: agents.Sampling{Temperature: num(fieldTemperature, 64), TopP: num(fieldTopP, 64), MaxTokens: integer(fieldMaxTokens)},
	}
	if f.editing != nil {
		cfg.Endpoint, cfg.Remote = f.editing.Endpoint, f.editing.Remote
		if f.editing.Sampling != nil {
			cfg.Sampling.TopK = f.editing.Sampling.TopK
		}
	}
	var spaces []string
	for _, s := range strings.Split(f.inputs[fieldAutoSpaces].Value(), ",") {
		if s = strings.TrimSpace(s); s != "" {
			spaces = append(spaces, s)
		}
	}
	if len(spaces) > 0 {
		cfg.AutoEnter = &agents.AutoEnter{Spaces: spaces, Tier: integer(fieldAutoTier), Sessions: integer(fieldAutoSessions)}
	}
	return cfg
}

// check validates the form as the server will, so that a problem shows
// beside its field as it is typed.
func (f *agentForm) check() bool {
	cfg := f.config()
	a := agents.Agent{ID: "00000000-0000-7000-8000-000000000000", Owner: f.s.addr.Hex(), Name: cfg.Name, Model: cfg.Model,
		Endpoint: cfg.Endpoint, System: cfg.System, Sampling: cfg.Sampling, Adapter: cfg.Adapter, AutoEnter: cfg.AutoEnter}
	if err := a.Validate(); err != nil {
		for i, p := range problemsByField(err.Error()) {
			if f.problems[i] == "" {
				f.problems[i] = p
			}
		}
	}
	for _, p := range f.problems {
		if p != "" {
			return false
		}
	}
	return true
}

// problemsByField sorts the "agent FIELD: PROBLEM" lines of a validation
// error by the form's fields, the first problem of each.
func problemsByField(text string) [numFields]string {
	var out [numFields]string
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimPrefix(strings.TrimSpace(line), "agent ")
		field, problem, ok := strings.Cut(line, ": ")
		if i, known := fieldKeys[field]; ok && known && out[i] == "" {
			out[i] = problem
		}
	}
	return out
}

func (f *agentForm) save() tea.Cmd {
	if !f.check() {
		return func() tea.Msg { return errMsg{errors.New("fix the fields marked in red first")} }
	}
	cfg, editing := f.config(), f.editing
	f.busy = true
	return f.s.do(func(ctx context.Context) (tea.Msg, error) {
		if editing == nil {
			a, err := f.s.api.CreateAgent(ctx, cfg)
			return agentSavedMsg(a), err
		}
		auto := cfg.AutoEnter
		if auto == nil {
			auto = &agents.AutoEnter{} // no Spaces: off
		}
		a, err := f.s.api.UpdateAgent(ctx, editing.ID, api.AgentPatch{
			Name: &cfg.Name, Model: &cfg.Model, System: &cfg.System, Sampling: &cfg.Sampling,
			Adapter: &cfg.Adapter, AutoEnter: auto,
		})
		return agentSavedMsg(a), err
	})
}

func (f *agentForm) view(w, h int) string {
	var b strings.Builder
	title := "New agent"
	if f.editing != nil {
		title = "Edit " + f.editing.Name
	}
	b.WriteString(headerStyle.Render(title) + "\n\n")
	for i := range numFields {
		label := fmt.Sprintf("  %-14s", fieldLabels[i])
		if i == f.focus {
			label = selectedStyle.Render(fmt.Sprintf("› %-14s", fieldLabels[i]))
		}
		problem := f.problems[i]
		if problem == "" {
			problem = f.refused[i]
		}
		var value string
		switch i {
		case fieldSystem:
			value = f.system.View()
		case fieldAdapter:
			v := f.versions[f.version]
			if v == "" {
				v = "none (the base model)"
			}
			value = fmt.Sprintf("‹ %s ›  %d of %d", v, f.version+1, len(f.versions))
		default:
			value = f.inputs[i].View()
		}
		lines := strings.Split(value, "\n")
		for j, l := range lines {
			prefix := strings.Repeat(" ", 16)
			if j == 0 {
				prefix = label
			}
			line := prefix + " " + l
			if j == 0 && problem != "" {
				line += "  " + errorStyle.Render(problem)
			}
			b.WriteString(line + "\n")
		}
	}
	if f.busy {
		b.WriteString("\n" + dimStyle.Render("saving…") + "\n")
	}
	return b.String()
}
