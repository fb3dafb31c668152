package domain

import (
	"testing"
	"time"
)

// Every field of an event, of the submitted content and of a file's digest
// changes the keyed hash, and so does the key: nothing a forger could edit
// is left out.
func TestKeyedEventHashCoversEveryField(t *testing.T) {
	key := ChainKey("0123456789abcdef0123456789abcdef")
	u, a, n := int64(7), int64(3), int64(4)
	lat, lon := 0.13, 117.5
	base := func() (Event, SubmittedContent, []FileDigest) {
		return Event{Seq: 1, Type: EventSubmitted, ActorRole: RoleReporter, ActorUserID: &u, ActorUnitID: &a, UnitID: &n,
				FromStatus: StatusSubmitted, ToStatus: StatusOnHold, Message: "pesan", Reason: "alasan",
				Params: Params{ParamUnit: "Dinas"}, Rating: 4, Internal: true, CreatedAt: time.Unix(1_800_000_000, 1000), PrevHash: "p"},
			SubmittedContent{Kind: KindComplaint, Title: "Judul", Body: "Isi", IncidentDate: "2026-11-01",
				Location: Location{Address: "Jl. A", Kelurahan: "K", Kecamatan: "C", Lat: &lat, Lon: &lon}, CreatedAt: time.Unix(1_800_000_000, 0)},
			[]FileDigest{{Name: "a.png", ContentType: "image/png", Size: 10, SHA256: "aa"}}
	}
	e, c, f := base()
	want := KeyedEventHash(key, "K7MQ-2XRD", e, &c, f)
	if again := KeyedEventHash(key, "K7MQ-2XRD", e, &c, f); again != want {
		t.Fatal("the keyed hash is not deterministic")
	}
	other := 9.0
	edits := map[string]func(e *Event, c *SubmittedContent, f *[]FileDigest){
		"seq":            func(e *Event, _ *SubmittedContent, _ *[]FileDigest) { e.Seq = 2 },
		"type":           func(e *Event, _ *SubmittedContent, _ *[]FileDigest) { e.Type = EventHeld },
		"role":           func(e *Event, _ *SubmittedContent, _ *[]FileDigest) { e.ActorRole = RoleAdmin },
		"user":           func(e *Event, _ *SubmittedContent, _ *[]FileDigest) { e.ActorUserID = nil },
		"actor unit":     func(e *Event, _ *SubmittedContent, _ *[]FileDigest) { e.ActorUnitID = &u },
		"unit":           func(e *Event, _ *SubmittedContent, _ *[]FileDigest) { e.UnitID = nil },
		"from":           func(e *Event, _ *SubmittedContent, _ *[]FileDigest) { e.FromStatus = "" },
		"to":             func(e *Event, _ *SubmittedContent, _ *[]FileDigest) { e.ToStatus = StatusArchived },
		"message":        func(e *Event, _ *SubmittedContent, _ *[]FileDigest) { e.Message = "lain" },
		"reason":         func(e *Event, _ *SubmittedContent, _ *[]FileDigest) { e.Reason = "lain" },
		"params":         func(e *Event, _ *SubmittedContent, _ *[]FileDigest) { e.Params = Params{ParamUnit: "Lain"} },
		"rating":         func(e *Event, _ *SubmittedContent, _ *[]FileDigest) { e.Rating = 5 },
		"internal":       func(e *Event, _ *SubmittedContent, _ *[]FileDigest) { e.Internal = false },
		"time":           func(e *Event, _ *SubmittedContent, _ *[]FileDigest) { e.CreatedAt = e.CreatedAt.Add(time.Microsecond) },
		"prev":           func(e *Event, _ *SubmittedContent, _ *[]FileDigest) { e.PrevHash = "q" },
		"kind":           func(_ *Event, c *SubmittedContent, _ *[]FileDigest) { c.Kind = KindAspiration },
		"title":          func(_ *Event, c *SubmittedContent, _ *[]FileDigest) { c.Title = "Lain" },
		"body":           func(_ *Event, c *SubmittedContent, _ *[]FileDigest) { c.Body = "Lain" },
		"incident date":  func(_ *Event, c *SubmittedContent, _ *[]FileDigest) { c.IncidentDate = "" },
		"address":        func(_ *Event, c *SubmittedContent, _ *[]FileDigest) { c.Location.Address = "Jl. B" },
		"kelurahan":      func(_ *Event, c *SubmittedContent, _ *[]FileDigest) { c.Location.Kelurahan = "L" },
		"kecamatan":      func(_ *Event, c *SubmittedContent, _ *[]FileDigest) { c.Location.Kecamatan = "D" },
		"lat":            func(_ *Event, c *SubmittedContent, _ *[]FileDigest) { c.Location.Lat = &other },
		"lon":            func(_ *Event, c *SubmittedContent, _ *[]FileDigest) { c.Location.Lon = nil },
		"show name":      func(_ *Event, c *SubmittedContent, _ *[]FileDigest) { c.ShowName = true },
		"channel":        func(_ *Event, c *SubmittedContent, _ *[]FileDigest) { c.Channel = ChannelAPI },
		"requested unit": func(_ *Event, c *SubmittedContent, _ *[]FileDigest) { c.RequestedUnit = &n },
		"filed":          func(_ *Event, c *SubmittedContent, _ *[]FileDigest) { c.CreatedAt = c.CreatedAt.Add(time.Second) },
		"file name":      func(_ *Event, _ *SubmittedContent, f *[]FileDigest) { (*f)[0].Name = "b.png" },
		"file type":      func(_ *Event, _ *SubmittedContent, f *[]FileDigest) { (*f)[0].ContentType = "image/jpeg" },
		"file size":      func(_ *Event, _ *SubmittedContent, f *[]FileDigest) { (*f)[0].Size = 11 },
		"file digest":    func(_ *Event, _ *SubmittedContent, f *[]FileDigest) { (*f)[0].SHA256 = "ab" },
		"file removed":   func(_ *Event, _ *SubmittedContent, f *[]FileDigest) { *f = nil },
	}
	for name, edit := range edits {
		e, c, f := base()
		edit(&e, &c, &f)
		if KeyedEventHash(key, "K7MQ-2XRD", e, &c, f) == want {
			t.Errorf("%s: not covered by the keyed hash", name)
		}
	}
	if KeyedEventHash(key, "K7MQ-2XRE", e, &c, f) == want {
		t.Error("tracking ID not covered")
	}
	if KeyedEventHash(key, "K7MQ-2XRD", e, nil, f) == want {
		t.Error("content not covered")
	}
	if KeyedEventHash(ChainKey("another key of thirty-two bytes!"), "K7MQ-2XRD", e, &c, f) == want {
		t.Error("the key does not matter")
	}
	if EventHash("K7MQ-2XRD", e) == want {
		t.Error("the keyed hash is the plain one")
	}
}
