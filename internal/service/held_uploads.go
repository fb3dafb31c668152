package service

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
)

// A report form that fails validation keeps its files for an hour, so a
// citizen on a slow phone does not choose and send them again. They are
// checked and stripped as a submission's would be, and bound to that form
// by a random token only the form holds.

// HoldFor is how long the files of a failed form are kept.
const HoldFor = time.Hour

// HeldFile describes a held file to the form that holds it.
type HeldFile struct {
	Name string
	Size int64
}

// HoldUploads checks uploads and keeps them under a new token, which the
// form sends back with the next try. No uploads: no token.
func (s *Service) HoldUploads(ctx context.Context, v Viewer, uploads []Upload) (token string, _ []HeldFile, err error) {
	defer domain.Wrap(&err, "service.HoldUploads")
	if err := authorize(v, domain.PermSubmit); err != nil {
		return "", nil, err
	}
	if len(uploads) == 0 {
		return "", nil, nil
	}
	files, err := prepareUploads(uploads)
	if err != nil {
		return "", nil, err
	}
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", nil, err
	}
	token = base64.RawURLEncoding.EncodeToString(b)
	if err := s.store.HoldUploads(ctx, heldHash(token), files, s.now()); err != nil {
		return "", nil, err
	}
	out := make([]HeldFile, len(files))
	for i, f := range files {
		out[i] = HeldFile{Name: f.Name, Size: int64(len(f.Data))}
	}
	return token, out, nil
}

// HeldUploads returns the files held under token, in the order chosen;
// none when the token is unknown, malformed or older than HoldFor.
func (s *Service) HeldUploads(ctx context.Context, v Viewer, token string) (_ []Upload, err error) {
	defer domain.Wrap(&err, "service.HeldUploads")
	if err := authorize(v, domain.PermSubmit); err != nil {
		return nil, err
	}
	if !validHeldToken(token) {
		return nil, nil
	}
	files, err := s.store.HeldUploads(ctx, heldHash(token), s.now().Add(-HoldFor))
	if err != nil {
		return nil, err
	}
	out := make([]Upload, len(files))
	for i, f := range files {
		out[i] = Upload{Name: f.Name, Data: f.Data}
	}
	return out, nil
}

// DropHeldUploads forgets the files under token (the form went through,
// or they were held again under a new one) and any held past HoldFor.
func (s *Service) DropHeldUploads(ctx context.Context, v Viewer, token string) (_ int, err error) {
	defer domain.Wrap(&err, "service.DropHeldUploads")
	if err := authorize(v, domain.PermSubmit); err != nil {
		return 0, err
	}
	return s.store.DropHeldUploads(ctx, heldHash(token), s.now().Add(-HoldFor))
}

func heldHash(token string) string {
	sum := sha256.Sum256([]byte("held-uploads:" + token))
	return hex.EncodeToString(sum[:])
}

func validHeldToken(t string) bool {
	b, err := base64.RawURLEncoding.DecodeString(t)
	return err == nil && len(b) == 32
}
