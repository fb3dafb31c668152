package store

// SetCountCap lowers where ListReports stops counting (searches
// included), for a test; the returned func puts it back.
func SetCountCap(n int) func() {
	old, oldSearch := countCap, searchCap
	countCap, searchCap = n, n
	return func() { countCap, searchCap = old, oldSearch }
}
