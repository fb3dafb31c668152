package service

import (
	"crypto/sha256"
	"encoding/hex"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/media"
	"github.com/lapor-id/lapor/internal/store"
)

// Attachment limits.
const (
	MaxFiles    = 5
	MaxFileSize = 10 << 20
)

// Upload is a file as received, already bounded in size by the caller.
type Upload = domain.Upload

// prepareUploads checks count, size and type (sniffed from the content),
// strips metadata and returns what the store keeps. Nothing is written.
func prepareUploads(ups []Upload) ([]store.NewAttachment, error) {
	if len(ups) > MaxFiles {
		return nil, domain.InvalidField("attachments", "field.attachments.too_many")
	}
	out := make([]store.NewAttachment, 0, len(ups))
	for _, u := range ups {
		if len(u.Data) > MaxFileSize {
			return nil, domain.FileTooLarge()
		}
		if len(u.Data) == 0 {
			return nil, domain.InvalidField("attachments", "field.attachments.empty")
		}
		ct, ok := media.Sniff(u.Data)
		if !ok {
			return nil, domain.InvalidField("attachments", "field.attachments.type")
		}
		clean, err := media.Strip(ct, u.Data)
		if err != nil {
			return nil, domain.InvalidField("attachments", "field.attachments.malformed")
		}
		sum := sha256.Sum256(clean)
		out = append(out, store.NewAttachment{
			Name:        safeFileName(u.Name, ct),
			ContentType: ct,
			SHA256:      hex.EncodeToString(sum[:]),
			Data:        clean,
		})
	}
	return out, nil
}

// safeFileName keeps a readable base name without any path, control
// characters or misleading extension; the extension follows the content.
func safeFileName(name, contentType string) string {
	if !utf8.ValidString(name) {
		name = ""
	}
	name = strings.ReplaceAll(name, `\`, "/")
	name = path.Base(name)
	name = strings.TrimSuffix(name, path.Ext(name))
	var b strings.Builder
	for _, r := range name {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_' || r == ' ' {
			b.WriteRune(r)
		}
		if b.Len() >= 80 {
			break
		}
	}
	base := strings.TrimSpace(b.String())
	if base == "" {
		base = "lampiran"
	}
	return base + media.Extension(contentType)
}
