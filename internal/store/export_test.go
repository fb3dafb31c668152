package store

// SetCountCap lowers where ListReports stops counting, for a test; the
// returned func puts it back.
func SetCountCap(n int) func() {
	old := countCap
	countCap = n
	return func() { countCap = old }
}
