package flow

import (
	"context"
	"fmt"

	"github.com/flowlint/flowlint/policy"
)

// CreditEdge is a backpressure edge whose sender must hold a credit for
// every item. The item carries its credit to the receiver, which releases
// it with Delivery.Done after processing, so at most the grant's worth of
// items are queued or being worked on at once.
type CreditEdge[T any] struct {
	edge    *Edge[Delivery[T]]
	credits *Credits
}

// Delivery is an item received from a CreditEdge with the credit it came
// with. Call Done when the item is fully processed.
type Delivery[T any] struct {
	Value  T
	credit *Credit
}

// Done returns the item's credit to the grant.
func (d Delivery[T]) Done() { d.credit.Release() }

// NewCreditEdge builds a credited edge from a backpressure spec and a grant
// of n credits. A grant no larger than the edge's capacity means a sender
// holding a credit never waits for a slot, only for a credit.
func NewCreditEdge[T any](spec policy.Spec, n int) (*CreditEdge[T], error) {
	if spec.Policy != policy.Backpressure {
		return nil, fmt.Errorf("credit edge %q: want policy=backpressure, not %s",
			spec.Name, spec.Policy)
	}
	edge, err := NewEdge[Delivery[T]](spec)
	if err != nil {
		return nil, err
	}
	credits, err := NewCredits(spec.Name, n)
	if err != nil {
		return nil, err
	}
	return &CreditEdge[T]{edge: edge, credits: credits}, nil
}

// ParseCreditEdge builds a credited edge from annotation fields, for
// example "name=alerts policy=backpressure burst=20/s*1s*1", and a grant.
func ParseCreditEdge[T any](fields string, n int) (*CreditEdge[T], error) {
	spec, err := policy.ParseFields(fields)
	if err != nil {
		return nil, fmt.Errorf("credit edge spec %q: %w", fields, err)
	}
	return NewCreditEdge[T](spec, n)
}

// Send waits for a credit, then puts v on the edge with it.
func (c *CreditEdge[T]) Send(ctx context.Context, v T) error {
	cr, err := c.credits.Acquire(ctx)
	if err != nil {
		return err
	}
	if err := c.edge.Send(ctx, Delivery[T]{Value: v, credit: cr}); err != nil {
		cr.Release()
		return err
	}
	return nil
}

// Recv takes the next delivery; the caller must call its Done.
func (c *CreditEdge[T]) Recv(ctx context.Context) (Delivery[T], error) {
	return c.edge.Recv(ctx)
}

// C is the receive side as a channel, for range loops.
func (c *CreditEdge[T]) C() <-chan Delivery[T] { return c.edge.C() }

// Close ends the stream, as Edge.Close does.
func (c *CreditEdge[T]) Close() { c.edge.Close() }

// Credits is the edge's grant, for Pause, Drain and Resume.
func (c *CreditEdge[T]) Credits() *Credits { return c.credits }

// Stats reports the edge under it.
func (c *CreditEdge[T]) Stats() Stats { return c.edge.Stats() }
