package demo

import (
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// The files in data/ decode, strictly, and the demo reads every one.
func TestDataFiles(t *testing.T) {
	c, err := loadContent(dataFS)
	if err != nil {
		t.Fatal(err)
	}
	entries, err := fs.ReadDir(dataFS, "data")
	if err != nil {
		t.Fatal(err)
	}
	var have, want []string
	for _, e := range entries {
		have = append(have, e.Name())
	}
	for name := range c.files() {
		want = append(want, name)
	}
	slices.Sort(want)
	if !slices.Equal(have, want) {
		t.Errorf("data/ holds %v; the demo reads %v", have, want)
	}
	if len(c.units) != len(units) || len(c.themes) != len(themes) || len(c.kelurahans) != len(kelurahans) {
		t.Errorf("installed content differs from the files")
	}
}

// copyData returns data/ as a map file system, to be spoiled.
func copyData(t *testing.T) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(dataFS, "data", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(dataFS, p)
		m[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestDataFilesRejected(t *testing.T) {
	edit := func(file, old, new string) func(fstest.MapFS) {
		return func(m fstest.MapFS) {
			s := string(m["data/"+file].Data)
			if !strings.Contains(s, old) {
				panic("test: " + file + " has no " + old)
			}
			m["data/"+file] = &fstest.MapFile{Data: []byte(strings.Replace(s, old, new, 1))}
		}
	}
	for _, tc := range []struct {
		name  string
		spoil func(fstest.MapFS)
		want  string
	}{
		{"unread file", func(m fstest.MapFS) { m["data/extra.json"] = &fstest.MapFile{Data: []byte("[]")} }, "extra.json is not read"},
		{"missing file", func(m fstest.MapFS) { delete(m, "data/names.json") }, "names.json"},
		{"unknown field", edit("units.json", `"code":"dpupr"`, `"code":"dpupr","head":"x"`), "unknown field"},
		{"unknown theme field", edit("themes.json", `"key": "jalan"`, `"key": "jalan", "colour": "red"`), "unknown field"},
		{"trailing data", edit("staff.json", "\n]", "\n] []"), "after the JSON value"},
		{"bad role", edit("staff.json", `"role":"officer"`, `"role":"mayor"`), `role "mayor"`},
		{"unknown unit", edit("staff.json", `"unit":"dlh"`, `"unit":"dlhh"`), "unknown unit dlhh"},
		{"unit before parent", edit("units.json", `"parent":"dinkes"`, `"parent":"disdik"`), "before its parent disdik"},
		{"unknown kelurahan", edit("themes.json", `"Gunung Elai",`, `"Gunung Elay",`), "unknown kelurahan Gunung Elay"},
		{"unknown placeholder", edit("themes.json", "{jalan}", "{street}"), "unknown placeholder {street}"},
		{"staff text without unit", edit("messages.json", "sesuai kewenangan", "{kel}"), "placeholder {kel}"},
		{"missing archive message", edit("messages.json", `"spam": "`, `"spm": "`), "no message for spam"},
		{"missing rating", edit("messages.json", `"3": [`, `"6": [`), "thanks: 3: empty"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := copyData(t)
			tc.spoil(m)
			_, err := loadContent(m)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want one saying %q", err, tc.want)
			}
		})
	}
}

// Every entry of the content shows up in a few years' worth of generated
// reports: none of it is dead.
func TestContentAllUsed(t *testing.T) {
	svc, _ := newService(t)
	cats, err := categoryCodes()
	if err != nil {
		t.Fatal(err)
	}
	g := &generator{rng: newRand(), cal: svc.Calendar(), now: time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC), cats: cats}
	var text strings.Builder
	keys, kels := map[string]bool{}, map[string]bool{}
	for i := 0; i < 10*Reports; i++ {
		p := g.plan(i)
		keys[p.theme] = true
		kels[p.sub.Location.Kelurahan] = true
		for _, s := range []string{p.title, p.sub.Body, p.sub.Location.Address, p.sub.Reporter.Name} {
			text.WriteString(s + "\n")
		}
		for _, st := range p.steps {
			text.WriteString(st.in.Message + "\n" + st.in.Title + "\n")
		}
	}
	all := text.String()
	used := func(what, template string) {
		t.Helper()
		// The longest part of the template between placeholders.
		part := ""
		for _, s := range placeholderRE.Split(template, -1) {
			if len(s) > len(part) {
				part = s
			}
		}
		if !strings.Contains(all, part) {
			t.Errorf("%s: %q is never used", what, template)
		}
	}
	list := func(what string, templates []string) {
		t.Helper()
		for _, s := range templates {
			used(what, s)
		}
	}

	for _, th := range themes {
		if !keys[th.key] {
			t.Errorf("theme %s never drawn", th.key)
		}
		list("theme "+th.key+": titles", th.titles)
		list("theme "+th.key+": bodies", th.bodies)
		list("theme "+th.key+": follow_ups", th.followUps)
		list("theme "+th.key+": return_messages", th.returnMsgs)
	}
	for _, k := range kelurahans {
		if !kels[k.name] {
			t.Errorf("kelurahan %s never drawn", k.name)
		}
		list("kelurahan "+k.name+": streets", k.streets)
		list("kelurahan "+k.name+": landmarks", k.marks)
	}
	list("names: first", firstNames)
	list("names: last", lastNames)
	list("messages: durations", durations)
	list("messages: closings", closings)
	for _, h := range holds {
		used("messages: holds", h.Ask)
		used("messages: holds", h.Answer)
	}
	for _, r := range archiveReasons {
		used("messages: archive", archiveMessages[r])
	}
	for r, js := range junkTexts {
		for _, j := range js {
			used("messages: junk: "+r, j.Title)
			used("messages: junk: "+r, j.Body)
		}
	}
	list("messages: staff", []string{staffTexts.Verified, staffTexts.Reminded, staffTexts.Forwarded, staffTexts.Rerouted, staffTexts.Escalated})
	list("messages: officer_notes", officerNotes)
	list("messages: replies", replies)
	list("messages: other_replies", otherReplies)
	list("messages: reopen", reopenMessages)
	for rating, l := range thanks {
		list("messages: thanks: "+string(rune('0'+rating)), l)
	}
}
