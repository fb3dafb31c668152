package upload

import (
	"bytes"
	"io"
	"os"
)

// spool holds a received body: in memory while it is small, then in a
// temporary file, which remove deletes.
type spool struct {
	inMemory int    // bytes kept in memory at most
	dir      string // for the temporary file; "" is os.TempDir
	mem      []byte
	file     *os.File
	err      error // the body over its limit, met by whoever reads it to the end
}

func (s *spool) Write(p []byte) (int, error) {
	if s.file == nil && len(s.mem)+len(p) <= s.inMemory {
		s.mem = append(s.mem, p...)
		return len(p), nil
	}
	if s.file == nil {
		f, err := os.CreateTemp(s.dir, "lapor-upload-*")
		if err != nil {
			return 0, err
		}
		s.file = f
		if _, err := f.Write(s.mem); err != nil {
			return 0, err
		}
		s.mem = nil
	}
	return s.file.Write(p)
}

// body reads back what was received, then err if set.
func (s *spool) body() (io.Reader, error) {
	var r io.Reader = bytes.NewReader(s.mem)
	if s.file != nil {
		if _, err := s.file.Seek(0, io.SeekStart); err != nil {
			return nil, err
		}
		r = s.file
	}
	if s.err != nil {
		r = io.MultiReader(r, failingReader{s.err})
	}
	return r, nil
}

// remove deletes the temporary file, if there is one.
func (s *spool) remove() {
	if s.file != nil {
		s.file.Close()
		os.Remove(s.file.Name())
		s.file = nil
	}
}

type failingReader struct{ err error }

func (f failingReader) Read([]byte) (int, error) { return 0, f.err }
