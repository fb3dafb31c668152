package upload

import "github.com/lapor-id/lapor/internal/upload/uploadtest"

type part = uploadtest.Part

const boundary = uploadtest.Boundary

func encode(parts ...part) []byte {
	_, body := uploadtest.Encode(parts...)
	return body
}

// formLimits are small limits for tests: names "attachments" are files,
// "junk" is ignored, the rest are fields.
var formLimits = Limits{Body: 4 << 10, Parts: 6, Files: 2, FileBytes: 1 << 10, FieldBytes: 100, TextBytes: 250,
	IgnoreEmptyFiles: true,
	Kind: func(name, filename string) Kind {
		switch {
		case name == "attachments":
			return FilePart
		case name == "junk":
			return IgnoredPart
		}
		return FieldPart
	}}
