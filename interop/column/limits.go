package column

import (
	"strconv"

	"github.com/productops/productops/internal/validation"
)

// Default limits of every interop reader. Zero in a Limits field means its default.
const (
	// DefaultMaxRecordBytes bounds one CSV record or one JSON record (an issue, a ticket,
	// an event): 1 MiB.
	DefaultMaxRecordBytes = 1 << 20
	// DefaultMaxRecords bounds the records of one read: 10 million.
	DefaultMaxRecords = 10_000_000
	// DefaultMaxFields bounds the columns of a CSV file: 10,000.
	DefaultMaxFields = 10_000
	// DefaultMaxDocumentBytes bounds one JSON document that must be read whole (a page of
	// an API response, a JSON array export): 256 MiB.
	DefaultMaxDocumentBytes = 256 << 20
)

// Limits bounds what a reader accepts, so no input can take unbounded memory or time. The
// zero value means every default; a negative field is a validation error. Exceeding a limit
// is a *productops.ValidationError naming the limit and the line.
type Limits struct {
	// MaxRecordBytes bounds one record in bytes; zero means DefaultMaxRecordBytes.
	MaxRecordBytes int `json:"max_record_bytes,omitempty"`
	// MaxRecords bounds how many records one read returns; zero means DefaultMaxRecords.
	MaxRecords int `json:"max_records,omitempty"`
	// MaxFields bounds the columns of a CSV file; zero means DefaultMaxFields.
	MaxFields int `json:"max_fields,omitempty"`
	// MaxDocumentBytes bounds a JSON document read whole; zero means
	// DefaultMaxDocumentBytes.
	MaxDocumentBytes int `json:"max_document_bytes,omitempty"`
}

// Validate reports negative limits as a *productops.ValidationError.
func (l Limits) Validate() error {
	e := validation.New("column: limits")
	for _, f := range []struct {
		name string
		v    int
	}{
		{"max_record_bytes", l.MaxRecordBytes}, {"max_records", l.MaxRecords},
		{"max_fields", l.MaxFields}, {"max_document_bytes", l.MaxDocumentBytes},
	} {
		if f.v < 0 {
			e.Add(f.name, "gte", "0", "must be at least 0 (0 = default), got "+strconv.Itoa(f.v))
		}
	}
	return e.Err()
}

// Or returns l with every zero field replaced by its default.
func (l Limits) Or() Limits {
	def := func(v, d int) int {
		if v == 0 {
			return d
		}
		return v
	}
	return Limits{
		MaxRecordBytes:   def(l.MaxRecordBytes, DefaultMaxRecordBytes),
		MaxRecords:       def(l.MaxRecords, DefaultMaxRecords),
		MaxFields:        def(l.MaxFields, DefaultMaxFields),
		MaxDocumentBytes: def(l.MaxDocumentBytes, DefaultMaxDocumentBytes),
	}
}
