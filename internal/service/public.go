package service

import (
	"strconv"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/media"
	"github.com/lapor-id/lapor/internal/store"
)

// publicEvent removes from a timeline entry what only the reporter and
// staff may read: a title the admin replaced (it may name someone) and the
// names of attached files (a reporter who hid their name may still have
// sent "KTP Budi.jpg"). n numbers the files across the timeline.
func publicEvent(ev *EventView, n *int) {
	if ev.Type == domain.EventTitleEdited {
		ev.Params = nil
	}
	if len(ev.Attachments) == 0 {
		return
	}
	files := make([]store.Attachment, len(ev.Attachments))
	for i, f := range ev.Attachments {
		*n++
		f.Name = "lampiran-" + strconv.Itoa(*n) + media.Extension(f.ContentType)
		files[i] = f
	}
	ev.Attachments = files
}
