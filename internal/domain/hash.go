package domain

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
)

// EventHash chains an event to the one before it in its report's timeline,
// so an edit made directly in the database is detectable. Params are hashed
// only when there are some, as one more part after the others: an event
// written before events had params hashes as it did then.
func EventHash(trackingID string, e Event) string {
	id := func(p *int64) string {
		if p == nil {
			return "-"
		}
		return strconv.FormatInt(*p, 10)
	}
	parts := []string{
		e.PrevHash, trackingID, strconv.Itoa(e.Seq), string(e.Type), string(e.ActorRole),
		id(e.ActorUserID), id(e.ActorUnitID), id(e.UnitID), string(e.FromStatus), string(e.ToStatus),
		e.Message, e.Reason, strconv.Itoa(e.Rating), strconv.FormatBool(e.Internal),
		strconv.FormatInt(e.CreatedAt.UnixMicro(), 10),
	}
	if p := e.Params.Encode(); p != "" {
		parts = append(parts, p)
	}
	h := sha256.New()
	for _, p := range parts {
		// Length-prefix each part so no two different events hash alike.
		h.Write([]byte(strconv.Itoa(len(p))))
		h.Write([]byte{':'})
		h.Write([]byte(p))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// VerifyChain returns the index of the first event whose hash does not
// match its content or its predecessor, or -1 when the chain is whole.
func VerifyChain(trackingID string, events []Event) int {
	prev := ""
	for i, e := range events {
		if e.PrevHash != prev || e.Seq != i+1 || EventHash(trackingID, e) != e.Hash {
			return i
		}
		prev = e.Hash
	}
	return -1
}
