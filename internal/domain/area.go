package domain

// Area is a kecamatan (no parent) or one of its kelurahan, from the list
// the admins keep. A hidden area is no longer offered to citizens but old
// reports keep pointing at it.
type Area struct {
	ID       int64
	ParentID *int64
	Name     string
	Hidden   bool
}

// IsKecamatan reports whether a is a kecamatan rather than a kelurahan.
func (a Area) IsKecamatan() bool { return a.ParentID == nil }
