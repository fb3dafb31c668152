package upload

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// TestFormHoldsItsSlotUntilDone: with one slot, a second body waits for
// the first form's Done, and gives up when its request ends.
func TestFormHoldsItsSlotUntilDone(t *testing.T) {
	rd := New(Options{Slots: 1})
	body := encode(part{Name: "title", Data: []byte("x")})
	first, err := readBody(t, rd, body, formLimits)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	r := httptest.NewRequestWithContext(ctx, http.MethodPost, "/", bytes.NewReader(body))
	if _, err := rd.Read(httptest.NewRecorder(), r, boundary, formLimits); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("a second body while the slot is held: %v", err)
	}
	first.Done()
	first.Done() // a second Done gives nothing back twice
	second, err := readBody(t, rd, body, formLimits)
	if err != nil {
		t.Fatal(err)
	}
	if len(rd.slots) != 1 {
		t.Errorf("%d slots taken, want 1", len(rd.slots))
	}
	second.Done()
	var none *Form
	none.Done()
}
