package upload

// Limits bound one multipart body and say what its parts are.
type Limits struct {
	Body       int64 // the whole body, as sent
	Parts      int   // parts of any kind
	Files      int   // file parts kept
	FileBytes  int64 // each file
	FieldBytes int64 // each text field
	TextBytes  int64 // all text fields together; 0: only Body bounds them
	// IgnoreEmptyFiles drops empty file parts without a file name: what a
	// browser sends for a file input left empty.
	IgnoreEmptyFiles bool
	// Kind says what a part is from its form name and file name.
	Kind func(name, filename string) Kind
}

// Kind is what a part of a body is to the reader.
type Kind int

// The kinds of parts. The zero Kind is no part at all (between parts).
const (
	FieldPart   Kind = iota + 1 // a text value, kept in Form.Values
	FilePart                    // a file, kept in Form.Files
	IgnoredPart                 // read past and forgotten
)
