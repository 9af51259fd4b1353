package ops

import (
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// The worker pool.
//
// Kernels here are called many thousands of times per training step and once
// per layer per generated token, so spawning goroutines per call would cost
// more than some of the calls themselves. Instead a fixed set of helper
// goroutines waits on one channel; a call posts a job, wakes as many helpers
// as it can use, and then works on the job itself too. Chunks are claimed
// with an atomic counter, so a helper that wakes late simply finds nothing
// left, and the caller never waits for a helper that has not started: it
// waits only for chunks that were actually claimed. That also makes nested
// calls (a kernel calling Parallel from inside Parallel) safe: if every
// helper is busy the caller just does all the work itself.
//
// Waking a parked goroutine takes several microseconds, as long as a whole
// small kernel, so a helper that has just finished a job polls for the next
// one for a short while (spinWait) before parking again. Kernels arrive
// back to back in training and generation, so helpers are usually awake.

// job is one parallel loop: n items cut into chunks of size chunk.
type job struct {
	fn      func(lo, hi int)
	n       int
	chunk   int
	nchunks int32
	next    atomic.Int32 // next chunk to claim
	pending atomic.Int32 // chunks not yet finished
	done    chan struct{}
}

// work claims and runs chunks until none are left.
func (j *job) work() {
	for {
		c := j.next.Add(1) - 1
		if c >= j.nchunks {
			return
		}
		lo := int(c) * j.chunk
		hi := min(lo+j.chunk, j.n)
		j.fn(lo, hi)
		if j.pending.Add(-1) == 0 {
			j.done <- struct{}{}
		}
	}
}

// spinWait is how long an idle helper keeps polling before it parks.
const spinWait = 100 * time.Microsecond

var pool struct {
	mu      sync.Mutex
	started int       // helper goroutines running
	jobs    chan *job // wake-up tokens
}

func init() {
	// Room for far more tokens than there will ever be helpers; when it is
	// full the extra tokens are simply dropped (the caller does the work).
	pool.jobs = make(chan *job, 1024)
}

// helper runs jobs forever, spinning briefly between them.
func helper() {
	for {
		j := <-pool.jobs
		for j != nil {
			j.work()
			j = poll()
		}
	}
}

// poll waits up to spinWait for another job without parking.
func poll() *job {
	var start time.Time
	for i := 0; ; i++ {
		select {
		case j := <-pool.jobs:
			return j
		default:
		}
		if i&63 == 63 {
			if start.IsZero() {
				start = time.Now()
			} else if time.Since(start) > spinWait {
				return nil
			}
			// Let other goroutines on this P run.
			runtime.Gosched()
		}
	}
}

// ensureHelpers makes sure at least n helper goroutines exist. Helpers are
// never stopped: an idle one costs only a blocked goroutine.
func ensureHelpers(n int) {
	pool.mu.Lock()
	for pool.started < n {
		pool.started++
		go helper()
	}
	helperCount.Store(int32(pool.started))
	pool.mu.Unlock()
}

// helperCount is the number of helpers started so far; read without the
// lock it is only a hint.
var helperCount atomic.Int32

// run executes fn over [0,n) in chunks of the given size, on the calling
// goroutine plus up to GOMAXPROCS-1 helpers. It returns when every chunk has
// finished. Chunks may run in any order and on any goroutine, so fn must
// write only to outputs owned by its chunk.
func run(n, chunk int, fn func(lo, hi int)) {
	if n <= 0 {
		return
	}
	if chunk < 1 {
		chunk = 1
	}
	nchunks := (n + chunk - 1) / chunk
	procs := runtime.GOMAXPROCS(0)
	if nchunks == 1 || procs == 1 {
		fn(0, n)
		return
	}
	helpers := min(nchunks, procs) - 1
	if int(helperCount.Load()) < procs-1 {
		ensureHelpers(procs - 1)
	}
	j := &job{fn: fn, n: n, chunk: chunk, nchunks: int32(nchunks), done: make(chan struct{}, 1)}
	j.pending.Store(int32(nchunks))
	for range helpers {
		select {
		case pool.jobs <- j:
		default:
		}
	}
	j.work()
	j.wait()
}

// wait returns when every chunk has finished. Chunks still running were
// claimed by helpers that are awake, so it polls for a while before
// parking: handing a parked goroutine back its processor costs more than
// most chunks.
func (j *job) wait() {
	var start time.Time
	for i := 0; j.pending.Load() != 0; i++ {
		if i&63 == 63 {
			if start.IsZero() {
				start = time.Now()
			} else if time.Since(start) > spinWait {
				<-j.done
				return
			}
			runtime.Gosched()
		}
	}
}

// Parallel runs fn over [0,n) split into contiguous chunks, on the calling
// goroutine and up to GOMAXPROCS-1 pooled helper goroutines, and returns when
// all chunks are done. grain is the smallest chunk worth a goroutine: when n
// is below two grains (or GOMAXPROCS is 1) fn(0, n) runs inline, so callers
// pass a grain that reflects the cost of one item.
//
// fn must only write outputs that belong to its own [lo,hi) range; for
// results to be independent of GOMAXPROCS each item's value must not depend
// on where the chunk boundaries fall.
func Parallel(n, grain int, fn func(lo, hi int)) {
	if grain < 1 {
		grain = 1
	}
	procs := runtime.GOMAXPROCS(0)
	parts := min(procs, n/grain)
	if parts <= 1 {
		if n > 0 {
			fn(0, n)
		}
		return
	}
	run(n, (n+parts-1)/parts, fn)
}

// parallelFor is Parallel for kernels that know the cost of their items:
// n items of cost each (in flops or similar units) are cut into chunks of
// at least minChunkCost, up to a few per goroutine so that a helper that
// starts late or a slow chunk does not hold everyone up. Work below
// minParallelCost runs inline.
func parallelFor(n, cost int, fn func(lo, hi int)) {
	total := n * cost
	procs := runtime.GOMAXPROCS(0)
	if procs == 1 || total < minParallelCost || n < 2 {
		if n > 0 {
			fn(0, n)
		}
		return
	}
	chunks := min(n, 4*procs, max(2, total/minChunkCost))
	run(n, (n+chunks-1)/chunks, fn)
}

// Thresholds for parallelFor, in rough flops: 1<<17 is a few microseconds
// of vectorised work, several times what waking a helper costs.
const (
	minParallelCost = 1 << 17
	minChunkCost    = 1 << 15
)
