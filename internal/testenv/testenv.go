// Package testenv answers questions tests ask about where they run.
package testenv

import (
	"os"
	"strings"
)

// Required reports whether tests that need something missing from the
// machine (a PostgreSQL server, a browser) must fail instead of skipping.
// That is the case in CI: when the CI variable is set to anything but a
// word for "no". "false", "0", "no" and "off" (in any case, with spaces
// around) and an empty or unset CI mean not required; "true", "1", "yes"
// and any other value mean required, so a CI system that sets CI to its
// own name still gets failures rather than silent skips.
func Required() bool {
	switch strings.ToLower(strings.TrimSpace(os.Getenv("CI"))) {
	case "", "false", "0", "no", "off":
		return false
	}
	return true
}
