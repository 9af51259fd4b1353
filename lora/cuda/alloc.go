package cuda

import (
	"errors"
	"fmt"
	"sync"
)

// Ptr is a device address (a CUdeviceptr). Zero is no memory.
type Ptr uint64

// memBackend is where an Allocator gets device memory from and returns it
// to: cuMemAlloc and cuMemFree on a real device, a fake in tests.
type memBackend interface {
	alloc(size uint64) (Ptr, error)
	free(p Ptr) error
}

// Size classes. A training step allocates and frees the same few shapes
// over and over, and cuMemAlloc/cuMemFree synchronise the whole device, so
// freed blocks are kept on a free list per rounded size and handed out
// again. Small blocks round up to 512 bytes (the driver's own alignment),
// large ones to 2 MiB (its allocation granularity), which keeps the number
// of distinct classes small without wasting more than a few percent of a
// large block.
const (
	smallLimit = 1 << 20
	smallRound = 512
	largeRound = 2 << 20
)

// sizeClass is the rounded size a request of n bytes is served from.
func sizeClass(n uint64) uint64 {
	if n <= smallLimit {
		return (n + smallRound - 1) / smallRound * smallRound
	}
	return (n + largeRound - 1) / largeRound * largeRound
}

// AllocStats describes an Allocator's memory.
type AllocStats struct {
	InUse      uint64 // bytes in blocks handed out (rounded sizes)
	Cached     uint64 // bytes in freed blocks kept for reuse
	Peak       uint64 // the most InUse has been
	Requests   int    // Alloc calls
	Hits       int    // Alloc calls served from the cache
	DeviceCall int    // allocations made from the device
}

// Allocator is a caching allocator of device memory. Blocks are reused in
// stream order: a block freed after kernels were queued on the device's
// stream may be handed out again at once, because anything queued later
// on the same stream runs after those kernels. (With several streams a
// block would need an event per stream; the backend uses one.) It is safe
// for concurrent use.
type Allocator struct {
	mu    sync.Mutex
	be    memBackend
	free  map[uint64][]Ptr // size class → cached blocks
	live  map[Ptr]uint64   // block handed out → its size class
	stats AllocStats
}

func newAllocator(be memBackend) *Allocator {
	return &Allocator{be: be, free: map[uint64][]Ptr{}, live: map[Ptr]uint64{}}
}

// Alloc returns a block of at least n bytes (n = 0 gives Ptr 0 and no
// error). When the device is out of memory it frees every cached block and
// tries once more before giving up.
func (a *Allocator) Alloc(n uint64) (Ptr, error) {
	if n == 0 {
		return 0, nil
	}
	class := sizeClass(n)
	a.mu.Lock()
	defer a.mu.Unlock()
	a.stats.Requests++
	if list := a.free[class]; len(list) > 0 {
		p := list[len(list)-1]
		a.free[class] = list[:len(list)-1]
		a.stats.Cached -= class
		a.stats.Hits++
		a.handOut(p, class)
		return p, nil
	}
	p, err := a.be.alloc(class)
	if err != nil && errors.Is(err, resultOutOfMemory) && a.stats.Cached > 0 {
		if ferr := a.releaseLocked(); ferr != nil {
			return 0, ferr
		}
		p, err = a.be.alloc(class)
	}
	if err != nil {
		return 0, fmt.Errorf("cuda: allocating %d bytes (%d in use, peak %d): %w", class, a.stats.InUse, a.stats.Peak, err)
	}
	a.stats.DeviceCall++
	a.handOut(p, class)
	return p, nil
}

func (a *Allocator) handOut(p Ptr, class uint64) {
	a.live[p] = class
	a.stats.InUse += class
	a.stats.Peak = max(a.stats.Peak, a.stats.InUse)
}

// Free returns a block to the cache. Freeing Ptr 0 does nothing; freeing
// a block that is not handed out is an error (a double free).
func (a *Allocator) Free(p Ptr) error {
	if p == 0 {
		return nil
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	class, ok := a.live[p]
	if !ok {
		return fmt.Errorf("cuda: free of %#x, which is not an allocated block (double free?)", uint64(p))
	}
	delete(a.live, p)
	a.stats.InUse -= class
	a.stats.Cached += class
	a.free[class] = append(a.free[class], p)
	return nil
}

// Release gives every cached block back to the device.
func (a *Allocator) Release() error {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.releaseLocked()
}

func (a *Allocator) releaseLocked() error {
	var first error
	for class, list := range a.free {
		for _, p := range list {
			if err := a.be.free(p); err != nil && first == nil {
				first = err
			}
			a.stats.Cached -= class
		}
		delete(a.free, class)
	}
	return first
}

// Stats returns the allocator's counters.
func (a *Allocator) Stats() AllocStats {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.stats
}

// Live is the number of blocks handed out and not yet freed.
func (a *Allocator) Live() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return len(a.live)
}
