// Package checkpoint writes and reads signed checkpoints of every report's
// timeline head, kept in a file outside the database, so a writer to the
// database who deletes a report or the tail of a timeline (and fixes the
// rows to match) is caught by the next audit.
//
// A checkpoint is a block of lines appended to the file:
//
//	checkpoint v1 <unix seconds> <number of reports>
//	<tracking id> <seq> <hash>     (one per report, in the order written)
//	signature <base64 Ed25519 signature of the lines above, newlines included>
package checkpoint

import (
	"bufio"
	"crypto/ed25519"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Head is where a report's timeline stood: its last event.
type Head struct {
	Seq  int
	Hash string
}

// Checkpoint is one signed record of every report's head.
type Checkpoint struct {
	At    time.Time
	Heads map[string]Head // by tracking ID
}

// Encode is the signed block of cp.
func Encode(key ed25519.PrivateKey, cp Checkpoint) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "checkpoint v1 %d %d\n", cp.At.Unix(), len(cp.Heads))
	ids := make([]string, 0, len(cp.Heads))
	for id := range cp.Heads {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		h := cp.Heads[id]
		fmt.Fprintf(&b, "%s %d %s\n", id, h.Seq, h.Hash)
	}
	sig := ed25519.Sign(key, []byte(b.String()))
	fmt.Fprintf(&b, "signature %s\n", base64.StdEncoding.EncodeToString(sig))
	return []byte(b.String())
}

// Append adds cp to the file at path (created 0600), synced to disk.
func Append(path string, key ed25519.PrivateKey, cp Checkpoint) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.Write(Encode(key, cp)); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// ReadLast checks every checkpoint of the file at path against pub and
// returns the last one; nil when the file does not exist or is empty. A
// block that is cut short, does not parse or whose signature fails is an
// error: the file was edited.
func ReadLast(path string, pub ed25519.PublicKey) (*Checkpoint, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readLast(f, pub)
}

func readLast(r io.Reader, pub ed25519.PublicKey) (*Checkpoint, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	var last *Checkpoint
	line, n := 0, 0
	for sc.Scan() {
		line++
		head := sc.Text()
		var at, count int64
		if _, err := fmt.Sscanf(head, "checkpoint v1 %d %d", &at, &count); err != nil || count < 0 {
			return nil, fmt.Errorf("line %d: not the start of a checkpoint", line)
		}
		n++
		var signed strings.Builder
		signed.WriteString(head + "\n")
		cp := &Checkpoint{At: time.Unix(at, 0).UTC(), Heads: make(map[string]Head, count)}
		for i := int64(0); i < count; i++ {
			if !sc.Scan() {
				return nil, fmt.Errorf("checkpoint %d is cut short", n)
			}
			line++
			text := sc.Text()
			fields := strings.Fields(text)
			if len(fields) != 3 {
				return nil, fmt.Errorf("line %d: not a report's head", line)
			}
			seq, err := strconv.Atoi(fields[1])
			if err != nil || seq < 1 {
				return nil, fmt.Errorf("line %d: not a report's head", line)
			}
			cp.Heads[fields[0]] = Head{Seq: seq, Hash: fields[2]}
			signed.WriteString(text + "\n")
		}
		if !sc.Scan() {
			return nil, fmt.Errorf("checkpoint %d has no signature", n)
		}
		line++
		sig, ok := strings.CutPrefix(sc.Text(), "signature ")
		raw, err := base64.StdEncoding.DecodeString(sig)
		if !ok || err != nil || !ed25519.Verify(pub, []byte(signed.String()), raw) {
			return nil, fmt.Errorf("checkpoint %d (line %d): the signature does not match: the file was edited", n, line)
		}
		if last != nil && cp.At.Before(last.At) {
			return nil, fmt.Errorf("checkpoint %d is older than the one before it: the file was edited", n)
		}
		last = cp
	}
	return last, sc.Err()
}
