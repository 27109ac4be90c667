// Package file is generated-like glue whose channels are owned elsewhere.
package file

//flowlint:file-ignore policydoc channels here mirror the wire protocol's own buffers

type Frame struct{ N int }

func frames() {
	a := make(chan Frame, 3)
	b := make(chan Frame, 4)
	_, _ = a, b
}
