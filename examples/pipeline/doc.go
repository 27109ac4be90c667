// Command pipeline is a small alerting pipeline built on the flow runtime,
// normalize → classify → priority sink → correlate → emit, with every edge
// declared by its policy and burst profile. Run it with
// `go run ./examples/pipeline`: it serves Prometheus metrics on a loopback
// port it prints, reports each second, and stops after -for or on Ctrl-C.
package main
