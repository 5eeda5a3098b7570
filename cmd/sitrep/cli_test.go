package main

import (
	"bytes"
	"context"
	"testing"
)

// runSitrep runs the CLI in-process with args and returns what it wrote to
// stdout and stderr and its error.
func runSitrep(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errOut bytes.Buffer
	app := &App{Stdout: &out, Stderr: &errOut}
	root := app.Command()
	root.SetArgs(args)
	root.SetOut(&out)
	root.SetErr(&errOut)
	err = root.ExecuteContext(context.Background())
	app.Close()
	return out.String(), errOut.String(), err
}
