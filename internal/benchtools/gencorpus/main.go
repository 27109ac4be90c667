// Command gencorpus writes a Go module of streaming code for the
// performance harness: scale×5 packages mixing the shapes flowlint flags,
// the clean shapes beside them, and plain code.
//
//	gencorpus -scale 10 -o DIR
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/flowlint/flowlint/internal/benchtools/corpus"
)

func main() {
	scale := flag.Int("scale", 1, "size: the corpus has scale×5 packages")
	out := flag.String("o", "", "directory to write the module to (replaced)")
	flag.Parse()
	if *out == "" || *scale < 1 {
		fmt.Fprintln(os.Stderr, "usage: gencorpus -scale N -o DIR")
		os.Exit(2)
	}
	if err := corpus.Write(*out, *scale); err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
}
