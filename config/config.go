package config

import (
	"fmt"
	"sort"
	"strings"

	"github.com/flowlint/flowlint/policy"
)

// Rules lists the rule names, in the order their findings are documented.
var Rules = []string{"policydoc", "spawnloop", "unbounded", "firelog", "accumulator", "respawn"}

// Config is the configuration one package is analyzed with.
type Config struct {
	// Source is the flowlint.toml that contributed, or "" when none did.
	Source string

	// Disabled holds the rules switched off.
	Disabled map[string]bool

	// Strict makes policydoc require annotations on signal and one-shot
	// channels too.
	Strict bool

	// Edges is the edge registry: name=NAME in an annotation refers here.
	Edges map[string]policy.Spec

	// LogPackages are import paths whose calls emit logs, metrics or traces.
	LogPackages []string

	// BoundPrimitives are calls that acquire a bound before a spawn, as
	// "importpath.Func" or "importpath.Type.Method".
	BoundPrimitives []string

	// EventSources are method names whose calls, in a loop, make it an
	// event loop (Accept, Read, Recv, ...).
	EventSources []string

	// HandlerRegistrations are function or method names that register a
	// per-event callback (HandleFunc, Subscribe, ...).
	HandlerRegistrations []string

	// QueueTypes are types known to queue without limit, as
	// "importpath.Type".
	QueueTypes []string

	// MaxCapacity is the largest constant channel capacity the unbounded
	// rule accepts without a burst profile.
	MaxCapacity int

	// Err is why the configuration could not be resolved. Every rule is
	// then off, and the root analyzer reports Err once for the package.
	Err error
}

// Enabled reports whether a rule runs: never while the configuration is
// broken, since its findings would answer a question nobody asked.
func (c *Config) Enabled(rule string) bool { return c.Err == nil && !c.Disabled[rule] }

// Edge returns the registry entry for name.
func (c *Config) Edge(name string) (policy.Spec, bool) {
	s, ok := c.Edges[name]
	return s, ok
}

// Default is the configuration with nothing set.
func Default() *Config {
	return &Config{
		Disabled:             map[string]bool{},
		Edges:                map[string]policy.Spec{},
		LogPackages:          append([]string(nil), DefaultLogPackages...),
		BoundPrimitives:      append([]string(nil), DefaultBoundPrimitives...),
		EventSources:         append([]string(nil), DefaultEventSources...),
		HandlerRegistrations: append([]string(nil), DefaultHandlerRegistrations...),
		QueueTypes:           append([]string(nil), DefaultQueueTypes...),
		MaxCapacity:          DefaultMaxCapacity,
	}
}

// DefaultLogPackages are the logging, metrics and tracing clients firelog
// knows without being told. A path matches itself and the packages below it.
var DefaultLogPackages = []string{
	"log",
	"log/slog",
	"go.uber.org/zap",
	"github.com/sirupsen/logrus",
	"github.com/rs/zerolog",
	"github.com/go-kit/log",
	"github.com/go-kit/kit/log",
	"k8s.io/klog",
	"k8s.io/klog/v2",
	"github.com/golang/glog",
	"github.com/cactus/go-statsd-client",
	"github.com/DataDog/datadog-go",
	"github.com/smira/go-statsd",
	"gopkg.in/alexcesaro/statsd.v2",
	"github.com/prometheus/client_golang/prometheus/push",
	"go.opentelemetry.io/otel",
}

// DefaultBoundPrimitives are calls that bound concurrency when made before
// a spawn in the same iteration.
var DefaultBoundPrimitives = []string{
	"golang.org/x/sync/semaphore.Weighted.Acquire",
	"golang.org/x/sync/semaphore.Weighted.TryAcquire",
	"golang.org/x/sync/errgroup.Group.SetLimit",
	"golang.org/x/sync/errgroup.Group.TryGo",
	"golang.org/x/net/netutil.LimitListener",
}

// DefaultEventSources are the receive-style calls that drive event loops.
var DefaultEventSources = []string{
	"Accept", "AcceptTCP", "AcceptUnix", "Read", "ReadFrom", "ReadFromUDP", "ReadMsgUDP",
	"Recv", "RecvMsg", "Next", "NextMsg", "Fetch", "FetchMessage", "Poll", "ReadMessage",
	"ReceiveMessage", "Receive", "Scan",
}

// DefaultHandlerRegistrations are calls whose function argument runs once
// per request or message.
var DefaultHandlerRegistrations = []string{
	"Handle", "HandleFunc", "Subscribe", "QueueSubscribe", "ChanSubscribe", "Consume",
	"ConsumeClaim", "OnMessage", "AddHandler", "AddConsumerHandler",
}

// DefaultQueueTypes are queue types that grow without limit.
var DefaultQueueTypes = []string{
	"container/list.List",
}

// DefaultMaxCapacity is the largest constant capacity accepted without a
// burst profile: above it a channel is a heap allocation waiting to happen.
const DefaultMaxCapacity = 1 << 20

// merge appends to list the entries of more it lacks, keeping order.
func merge(list []string, more ...string) []string {
	seen := map[string]bool{}
	for _, s := range list {
		seen[s] = true
	}
	for _, s := range more {
		s = strings.TrimSpace(s)
		if s != "" && !seen[s] {
			seen[s] = true
			list = append(list, s)
		}
	}
	return list
}

// checkRule reports whether name is a rule, with a message that lists them.
func checkRule(name string) error {
	for _, r := range Rules {
		if r == name {
			return nil
		}
	}
	return fmt.Errorf("unknown rule %q (want one of %s)", name, strings.Join(Rules, ", "))
}

// EdgeNames returns the registry's names, sorted.
func (c *Config) EdgeNames() []string {
	names := make([]string, 0, len(c.Edges))
	for n := range c.Edges {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
