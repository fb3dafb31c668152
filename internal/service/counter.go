package service

import (
	"context"

	"github.com/lapor-id/lapor/internal/domain"
)

// CounterChannels are the channels of a complaint staff type in for a
// citizen: a letter or a visit to the counter, or a phone call.
var CounterChannels = []domain.Channel{domain.ChannelPaper, domain.ChannelPhone}

// FileOnBehalf files a complaint an admin received on paper, at the
// counter or by phone, typed in for the citizen with the contact they
// gave. It is filed like any other (it waits for verification) and the
// receipt is returned for the admin to print and hand over; the admin is
// not its reporter, so nothing of it lands on their account.
func (s *Service) FileOnBehalf(ctx context.Context, v Viewer, sub domain.Submission) (_ Receipt, err error) {
	defer domain.Wrap(&err, "service.FileOnBehalf")
	if err := authorize(v, domain.PermCounterIntake); err != nil {
		return Receipt{}, err
	}
	if sub.Channel != domain.ChannelPaper && sub.Channel != domain.ChannelPhone {
		// Report the channel together with every other problem of the form.
		f := domain.FieldErrors{"channel": "counter.field.channel"}
		rest := sub
		rest.Channel = domain.ChannelPaper
		rest.Normalize()
		if verr := rest.Validate(s.now().In(s.cfg.Location)); verr != nil {
			for k, v := range domain.AsError(verr).Fields {
				f.Add(k, v)
			}
		}
		return Receipt{}, f.Err()
	}
	return s.submit(ctx, sub, nil)
}
