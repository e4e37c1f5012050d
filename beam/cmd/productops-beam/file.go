package main

import (
	"bytes"
	"context"
	"io"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
)

func bytesReader(b []byte) io.Reader { return bytes.NewReader(b) }

// writeFile writes data to path on its Beam file system.
func writeFile(ctx context.Context, path string, data []byte) error {
	fs, err := filesystem.New(ctx, path)
	if err != nil {
		return err
	}
	defer fs.Close()
	return filesystem.Write(ctx, fs, path, data)
}
