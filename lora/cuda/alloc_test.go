package cuda

import (
	"errors"
	"testing"
)

// fakeMem is a device memory of a fixed capacity that hands out
// increasing addresses, so tests can check what the allocator asks of it.
type fakeMem struct {
	capacity, used uint64
	next           Ptr
	blocks         map[Ptr]uint64
	allocs, frees  int
}

func newFakeMem(capacity uint64) *fakeMem {
	return &fakeMem{capacity: capacity, next: 1 << 32, blocks: map[Ptr]uint64{}}
}

func (f *fakeMem) alloc(n uint64) (Ptr, error) {
	if f.used+n > f.capacity {
		return 0, &DriverError{Call: "cuMemAlloc_v2", Result: resultOutOfMemory}
	}
	p := f.next
	f.next += Ptr(n)
	f.used += n
	f.blocks[p] = n
	f.allocs++
	return p, nil
}

func (f *fakeMem) free(p Ptr) error {
	n, ok := f.blocks[p]
	if !ok {
		return errors.New("fake: bad free")
	}
	delete(f.blocks, p)
	f.used -= n
	f.frees++
	return nil
}

func TestSizeClass(t *testing.T) {
	for _, c := range []struct{ n, want uint64 }{
		{1, 512}, {512, 512}, {513, 1024}, {1 << 20, 1 << 20},
		{1<<20 + 1, 2 << 20}, {3 << 20, 4 << 20}, {4 << 20, 4 << 20},
	} {
		if got := sizeClass(c.n); got != c.want {
			t.Errorf("sizeClass(%d) = %d, want %d", c.n, got, c.want)
		}
	}
}

func TestAllocatorReuses(t *testing.T) {
	mem := newFakeMem(1 << 30)
	a := newAllocator(mem)
	p, err := a.Alloc(1000)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Free(p); err != nil {
		t.Fatal(err)
	}
	// 1000 and 1024 share a class: the block comes back without a device call.
	q, err := a.Alloc(1024)
	if err != nil {
		t.Fatal(err)
	}
	if q != p || mem.allocs != 1 {
		t.Fatalf("got block %#x after %d device allocations, want %#x after 1", q, mem.allocs, p)
	}
	r, err := a.Alloc(5000) // another class: a new block
	if err != nil {
		t.Fatal(err)
	}
	if r == q || mem.allocs != 2 {
		t.Fatalf("a different class reused %#x (%d device allocations)", r, mem.allocs)
	}
	s := a.Stats()
	if s.InUse != 1024+5120 || s.Cached != 0 || s.Hits != 1 || s.Requests != 3 || s.Peak != 1024+5120 {
		t.Fatalf("stats %+v", s)
	}
	a.Free(q)
	a.Free(r)
	if s := a.Stats(); s.InUse != 0 || s.Cached != 1024+5120 || a.Live() != 0 {
		t.Fatalf("after frees: %+v, %d live", s, a.Live())
	}
	if err := a.Release(); err != nil {
		t.Fatal(err)
	}
	if mem.used != 0 || mem.frees != 2 || a.Stats().Cached != 0 {
		t.Fatalf("release left %d bytes on the device, %d frees", mem.used, mem.frees)
	}
}

func TestAllocatorDoubleFree(t *testing.T) {
	a := newAllocator(newFakeMem(1 << 20))
	p, _ := a.Alloc(10)
	if err := a.Free(p); err != nil {
		t.Fatal(err)
	}
	if err := a.Free(p); err == nil {
		t.Fatal("double free accepted")
	}
	if err := a.Free(0); err != nil {
		t.Fatalf("free of 0: %v", err)
	}
	if p, err := a.Alloc(0); p != 0 || err != nil {
		t.Fatalf("Alloc(0) = %#x, %v", p, err)
	}
}

// When the device is full, cached blocks of other classes are given back
// and the allocation retried.
func TestAllocatorOutOfMemoryReleasesCache(t *testing.T) {
	mem := newFakeMem(4 << 20)
	a := newAllocator(mem)
	p, err := a.Alloc(3 << 20) // class 4 MiB: fills the device
	if err != nil {
		t.Fatal(err)
	}
	a.Free(p)
	q, err := a.Alloc(1 << 10) // another class: needs the cache released
	if err != nil {
		t.Fatalf("allocation after release: %v", err)
	}
	if mem.frees != 1 || a.Stats().Cached != 0 {
		t.Fatalf("cache not released: %d frees, %+v", mem.frees, a.Stats())
	}
	a.Free(q)
	// Too big even with the cache empty: the error names the driver result.
	_, err = a.Alloc(8 << 20)
	var de *DriverError
	if !errors.As(err, &de) || !errors.Is(err, resultOutOfMemory) {
		t.Fatalf("got %v, want CUDA_ERROR_OUT_OF_MEMORY", err)
	}
}
