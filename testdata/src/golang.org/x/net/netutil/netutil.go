// Package netutil is a stand-in with the signatures of the real one.
package netutil

import "net"

func LimitListener(l net.Listener, n int) net.Listener { return l }
