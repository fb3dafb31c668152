package domain

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"sort"
	"strconv"
	"time"
)

// Chain versions of an event's hash. ChainPlain is the unkeyed SHA-256 of
// EventHash, which anyone who can write to the database can recompute;
// ChainKeyed is an HMAC-SHA-256 under the chain key (kept outside the
// database) that also covers the report's submitted content and the
// event's files.
const (
	ChainPlain = 0
	ChainKeyed = 1
)

// ChainKey is the secret that keys the timeline hashes.
type ChainKey []byte

// SubmittedContent is what the citizen filed, as it was filed: the parts
// of a report that no later event may change. The submission event's
// keyed hash covers it.
type SubmittedContent struct {
	Kind          Kind
	Title         string // the title at submission (a title_edited event keeps the old one)
	Body          string
	IncidentDate  string
	Location      Location
	CreatedAt     time.Time
	ShowName      bool    // the reporter agreed to be named in public
	Channel       Channel // how it came in
	RequestedUnit *int64  // the unit the reporter asked for
}

// FileDigest describes a stored file: its name, type, size and the
// SHA-256 of its bytes. An event's keyed hash covers its files' digests.
type FileDigest struct {
	Name        string
	ContentType string
	Size        int64
	SHA256      string
}

// KeyedEventHash is the ChainKeyed hash of e: every field of the event,
// the submitted content when e is the submission (content non-nil), and
// the digests of the files that came with it, in a fixed order.
func KeyedEventHash(key ChainKey, trackingID string, e Event, content *SubmittedContent, files []FileDigest) string {
	mac := hmac.New(sha256.New, key)
	w := func(parts ...string) { writeParts(mac, parts...) }
	w("lapor chain v1", trackingID, strconv.Itoa(e.Seq), e.PrevHash, string(e.Type), string(e.ActorRole),
		optID(e.ActorUserID), optID(e.ActorUnitID), optID(e.UnitID), string(e.FromStatus), string(e.ToStatus),
		e.Message, e.Reason, e.Params.Encode(), strconv.Itoa(e.Rating), strconv.FormatBool(e.Internal),
		strconv.FormatInt(e.CreatedAt.UnixMicro(), 10))
	if content != nil {
		w("content", string(content.Kind), content.Title, content.Body, content.IncidentDate,
			content.Location.Address, content.Location.Kelurahan, content.Location.Kecamatan,
			optFloat(content.Location.Lat), optFloat(content.Location.Lon),
			strconv.FormatInt(content.CreatedAt.UnixMicro(), 10), strconv.FormatBool(content.ShowName),
			string(content.Channel), optID(content.RequestedUnit))
	} else {
		w("no content")
	}
	sorted := append([]FileDigest(nil), files...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].SHA256+sorted[i].Name < sorted[j].SHA256+sorted[j].Name })
	w("files", strconv.Itoa(len(sorted)))
	for _, f := range sorted {
		w(f.Name, f.ContentType, strconv.FormatInt(f.Size, 10), f.SHA256)
	}
	return hex.EncodeToString(mac.Sum(nil))
}

// RekeyHash seals a timeline written with plain hashes, up to and
// including event seq whose hash is head, together with the submitted
// content and the digests of every file of those events, under the chain
// key. Once it is recorded, rewriting that part of the timeline and
// recomputing the plain hashes no longer passes.
func RekeyHash(key ChainKey, trackingID string, seq int, head string, content SubmittedContent, files []FileDigest) string {
	return KeyedEventHash(key, trackingID, Event{Seq: seq, PrevHash: head, Type: "rekey"}, &content, files)
}

func writeParts(h hash.Hash, parts ...string) {
	for _, p := range parts {
		// Length-prefix each part so no two different inputs hash alike.
		h.Write([]byte(strconv.Itoa(len(p))))
		h.Write([]byte{':'})
		h.Write([]byte(p))
	}
}

func optID(p *int64) string {
	if p == nil {
		return "-"
	}
	return strconv.FormatInt(*p, 10)
}

func optFloat(p *float64) string {
	if p == nil {
		return "-"
	}
	return strconv.FormatFloat(*p, 'g', -1, 64)
}

// ReplayContent derives the parts of a report's row that later events may
// change from its timeline: the current title (from title_edited events)
// and the rating (set by a completion, withdrawn by a reopening). It also
// returns the title as submitted, given the row's current title.
func ReplayContent(currentTitle string, events []Event) (submittedTitle, title string, rating int) {
	submittedTitle, title = currentTitle, currentTitle
	seenEdit := false
	for _, e := range events {
		switch e.Type {
		case EventTitleEdited:
			old, nu := e.Params[ParamOldTitle], e.Params[ParamNewTitle]
			if len(e.Params) == 0 { // written before events had params
				old, nu = e.Message, e.Reason
			}
			if !seenEdit {
				submittedTitle, seenEdit = old, true
			}
			title = nu
		case EventCompleted:
			rating = e.Rating
		case EventReopened:
			rating = 0
		}
	}
	if !seenEdit {
		title = currentTitle
	}
	return submittedTitle, title, rating
}
