// Package config is the one table of Lapor's settings (settings.go) and the
// machinery that reads them: each setting has a flag, an environment
// variable, a default, a parser and a line of help. A command loads the
// settings it uses once, at start-up: the command line first, then the
// environment for what the command line did not set, then the default.
// Every value is parsed then; a bad one stops the command with an error
// naming the setting, its flag and its variable. The help of each command
// and the table in README.md are printed from the same table.
package config

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
)

// Kind is how a setting's text becomes a value.
type Kind struct {
	// Name is the placeholder shown in help, e.g. "duration".
	Name string
	// Parse turns the text into the value; its error says what is wanted,
	// without repeating the text (the caller quotes it).
	Parse func(string) (any, error)
	// Bool kinds take no value on the command line (--demo is --demo=true).
	Bool bool
}

// Setting is one row of the table.
type Setting struct {
	Name    string // the key used in code, and the flag without its dashes
	Env     string // the environment variable
	Default string // parsed like any other value
	// DefaultText says in words what an empty Default means, e.g.
	// "none"; help shows it in place of Default.
	DefaultText string
	Kind        Kind
	Help        string   // one line
	Commands    []string // the commands that take it, e.g. "serve", "unit add"
	// Retired are earlier environment variables that are now refused at
	// start-up, with RetiredHint saying what to do instead.
	Retired     []string
	RetiredHint string
}

// Flag is the setting's command-line form, e.g. "--db".
func (s Setting) Flag() string { return "--" + s.Name }

// AppliesTo reports whether command takes the setting.
func (s Setting) AppliesTo(command string) bool { return slices.Contains(s.Commands, command) }

// Table is a list of settings, in the order help shows them.
type Table []Setting

// For returns the settings command takes.
func (t Table) For(command string) Table {
	var out Table
	for _, s := range t {
		if s.AppliesTo(command) {
			out = append(out, s)
		}
	}
	return out
}

// Commands returns every command named in the table, in order of first
// appearance.
func (t Table) Commands() []string {
	var out []string
	for _, s := range t {
		for _, c := range s.Commands {
			if !slices.Contains(out, c) {
				out = append(out, c)
			}
		}
	}
	return out
}

// Source says where a value came from.
type Source string

const (
	FromFlag    Source = "command line"
	FromEnv     Source = "environment"
	FromDefault Source = "default"
)

// Error is a bad value of one setting.
type Error struct {
	Setting Setting
	Source  Source
	Value   string
	Err     error
}

func (e *Error) Error() string {
	s := e.Setting
	var where string
	switch e.Source {
	case FromFlag:
		where = fmt.Sprintf("%s=%q (setting %s, also %s)", s.Flag(), e.Value, s.Name, s.Env)
	case FromEnv:
		where = fmt.Sprintf("%s=%q (setting %s, also %s)", s.Env, e.Value, s.Name, s.Flag())
	default:
		where = fmt.Sprintf("default %q of setting %s (%s, %s)", e.Value, s.Name, s.Flag(), s.Env)
	}
	return "invalid " + where + ": " + e.Err.Error()
}

func (e *Error) Unwrap() error { return e.Err }

// ErrHelp is returned by Load when the command line asks for help
// (-h, -help, --help).
var ErrHelp = errors.New("help requested")

// Values are the settings of one command, parsed.
type Values struct {
	command string
	values  map[string]any
	sources map[string]Source
}

// Load reads the settings of command from args and then getenv, parses
// every one and returns them, or every bad value at once (each an *Error).
// An empty environment variable counts as unset.
func (t Table) Load(command string, args []string, getenv func(string) string) (*Values, error) {
	settings := t.For(command)
	fs := flag.NewFlagSet(command, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	raw := make(map[string]*rawValue, len(settings))
	for _, s := range settings {
		v := &rawValue{bool: s.Kind.Bool}
		raw[s.Name] = v
		fs.Var(v, s.Name, s.Help)
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, ErrHelp
		}
		return nil, fmt.Errorf("%v (see lapor %s --help)", err, command)
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected argument %q (see lapor %s --help)", fs.Arg(0), command)
	}
	v := &Values{command: command, values: map[string]any{}, sources: map[string]Source{}}
	var errs []error
	for _, s := range settings {
		for _, old := range s.Retired {
			if getenv(old) != "" {
				errs = append(errs, fmt.Errorf("%s is no longer read: use %s (%s). %s", old, s.Env, s.Flag(), s.RetiredHint))
			}
		}
		text, src := s.Default, FromDefault
		if r := raw[s.Name]; r.set {
			text, src = r.text, FromFlag
		} else if e := getenv(s.Env); e != "" {
			text, src = e, FromEnv
		}
		val, err := s.Kind.Parse(text)
		if err != nil {
			errs = append(errs, &Error{Setting: s, Source: src, Value: text, Err: err})
			continue
		}
		v.values[s.Name] = val
		v.sources[s.Name] = src
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return v, nil
}

// rawValue records a flag's text; parsing waits until every source is read.
type rawValue struct {
	text string
	set  bool
	bool bool
}

func (r *rawValue) String() string { return r.text }

func (r *rawValue) Set(s string) error {
	r.text, r.set = s, true
	return nil
}

func (r *rawValue) IsBoolFlag() bool { return r.bool }

// Source says where the value of setting name came from.
func (v *Values) Source(name string) Source {
	v.get(name)
	return v.sources[name]
}

func (v *Values) get(name string) any {
	val, ok := v.values[name]
	if !ok {
		// A programming error: the command reads a setting the table
		// does not give it.
		panic(fmt.Sprintf("config: command %q has no setting %q", v.command, name))
	}
	return val
}

// Get returns the value of setting name, which must be of type T.
func Get[T any](v *Values, name string) T {
	val := v.get(name)
	t, ok := val.(T)
	if !ok {
		panic(fmt.Sprintf("config: setting %q is %T, not %T", name, val, t))
	}
	return t
}

// String returns a text setting.
func (v *Values) String(name string) string { return Get[string](v, name) }

// Bool returns a yes/no setting.
func (v *Values) Bool(name string) bool { return Get[bool](v, name) }

// Int returns a whole-number setting.
func (v *Values) Int(name string) int { return Get[int](v, name) }

// shownDefault is the default as help shows it: the value, or the words
// saying what an empty one means.
func (s Setting) shownDefault() string {
	if s.Default == "" {
		return s.DefaultText
	}
	return s.Default
}

// placeholder is the value shown after a flag in help.
func (s Setting) placeholder() string {
	if s.Kind.Bool {
		return ""
	}
	return " " + s.Kind.Name
}

// PrintUsage writes the settings command takes, one block each: flag,
// variable and default, then the help line.
func (t Table) PrintUsage(w io.Writer, command string) {
	for _, s := range t.For(command) {
		line := "  " + s.Flag() + s.placeholder() + ", " + s.Env
		if d := s.shownDefault(); d != "" {
			line += " (default: " + d + ")"
		}
		fmt.Fprintln(w, line)
		fmt.Fprintln(w, "        "+s.Help)
	}
}

// Markdown is the table of every setting as a Markdown table, the one
// README.md shows between its settings markers.
func (t Table) Markdown() string {
	var b strings.Builder
	b.WriteString("| Flag | Environment variable | Default | Commands | Meaning |\n")
	b.WriteString("|---|---|---|---|---|\n")
	cell := func(s string) string { return strings.ReplaceAll(s, "|", `\|`) }
	for _, s := range t {
		def := s.DefaultText
		if s.Default != "" {
			def = "`" + s.Default + "`"
		}
		cmds := strings.Join(s.Commands, ", ")
		if slices.Equal(s.Commands, t.Commands()) {
			cmds = "all"
		}
		fmt.Fprintf(&b, "| `%s` | `%s` | %s | %s | %s |\n", cell(s.Flag()+s.placeholder()), s.Env,
			cell(def), cell(cmds), cell(s.Help))
	}
	return b.String()
}
