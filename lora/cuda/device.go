package cuda

import (
	"errors"
	"fmt"
	"runtime"
	"sync"
	"unsafe"
)

// Options configures Open.
type Options struct {
	// Ordinal is the index of the GPU to use (as nvidia-smi counts them
	// when CUDA_VISIBLE_DEVICES is unset).
	Ordinal int
	// LibDirs are directories searched for NVRTC and cuBLAS before the
	// system's search path (the ARENA_CUDA_LIB_DIRS variable adds more).
	LibDirs []string
}

// Device is one GPU opened for computing: its primary context, a stream
// every operation is queued on, a caching allocator, a cuBLAS handle and,
// once compiled, the kernels. Its methods are safe for concurrent use;
// they are serialised, as everything runs on one stream.
type Device struct {
	libs    *libraries
	ordinal int32
	ctx     uintptr
	stream  uintptr
	blas    uintptr

	name         string
	major, minor int
	sms          int
	totalMem     uint64
	driver       int32

	mu     sync.Mutex
	alloc  *Allocator
	kern   *kernelSet
	gen    *kernelSet // the generation program, compiled on first use
	closed bool
}

// Device attributes used here (CUdevice_attribute).
const (
	attrMaxSharedPerBlock = 8
	attrMultiprocessors   = 16
	attrCCMajor           = 75
	attrCCMinor           = 76
)

// Open finds the GPU opts.Ordinal, retains its primary context and makes a
// stream and a cuBLAS handle on it. Errors say what is missing: an error
// wrapping ErrNoDevice means the machine has no usable NVIDIA GPU at all
// (no driver library, no device, or the driver refused to start).
func Open(opts Options) (*Device, error) {
	libs, err := loadLibraries(libDirs(opts.LibDirs))
	if err != nil {
		return nil, err
	}
	drv := libs.drv
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	if r := drv.cuInit(0); r != resultSuccess {
		err := libs.driverErr("cuInit", r)
		if r == resultNoDevice || r == resultInsufficientDrv || r == resultNotInitialized || r == resultInvalidDevice {
			return nil, fmt.Errorf("%w: %w", ErrNoDevice, err)
		}
		return nil, err
	}
	var count int32
	if r := drv.cuDeviceGetCount(&count); r != resultSuccess {
		return nil, libs.driverErr("cuDeviceGetCount", r)
	}
	if count == 0 {
		return nil, fmt.Errorf("%w: the NVIDIA driver (%s) sees no GPU", ErrNoDevice, drv.file)
	}
	if opts.Ordinal < 0 || opts.Ordinal >= int(count) {
		return nil, fmt.Errorf("cuda: GPU %d asked for, but the driver sees %d (0 to %d)", opts.Ordinal, count, count-1)
	}
	d := &Device{libs: libs}
	if r := drv.cuDeviceGet(&d.ordinal, int32(opts.Ordinal)); r != resultSuccess {
		return nil, libs.driverErr("cuDeviceGet", r)
	}
	var name [256]byte
	if r := drv.cuDeviceGetName(&name[0], int32(len(name)), d.ordinal); r != resultSuccess {
		return nil, libs.driverErr("cuDeviceGetName", r)
	}
	for i, c := range name {
		if c == 0 {
			d.name = string(name[:i])
			break
		}
	}
	attr := func(a int32) (int, error) {
		var v int32
		if r := drv.cuDeviceGetAttribute(&v, a, d.ordinal); r != resultSuccess {
			return 0, libs.driverErr("cuDeviceGetAttribute", r)
		}
		return int(v), nil
	}
	if d.major, err = attr(attrCCMajor); err != nil {
		return nil, err
	}
	if d.minor, err = attr(attrCCMinor); err != nil {
		return nil, err
	}
	if d.sms, err = attr(attrMultiprocessors); err != nil {
		return nil, err
	}
	if r := drv.cuDeviceTotalMem(&d.totalMem, d.ordinal); r != resultSuccess {
		return nil, libs.driverErr("cuDeviceTotalMem", r)
	}
	drv.cuDriverGetVersion(&d.driver)
	if r := drv.cuDevicePrimaryCtxRetain(&d.ctx, d.ordinal); r != resultSuccess {
		return nil, libs.driverErr("cuDevicePrimaryCtxRetain", r)
	}
	if r := drv.cuCtxSetCurrent(d.ctx); r != resultSuccess {
		drv.cuDevicePrimaryCtxRelease(d.ordinal)
		return nil, libs.driverErr("cuCtxSetCurrent", r)
	}
	const streamNonBlocking = 1 // do not synchronise with the legacy default stream
	if r := drv.cuStreamCreate(&d.stream, streamNonBlocking); r != resultSuccess {
		drv.cuDevicePrimaryCtxRelease(d.ordinal)
		return nil, libs.driverErr("cuStreamCreate", r)
	}
	if s := libs.blas.cublasCreate(&d.blas); s != 0 {
		drv.cuStreamDestroy(d.stream)
		drv.cuDevicePrimaryCtxRelease(d.ordinal)
		return nil, &BLASStatus{Call: "cublasCreate_v2", Status: s}
	}
	if s := libs.blas.cublasSetStream(d.blas, d.stream); s != 0 {
		d.closeLocked()
		return nil, &BLASStatus{Call: "cublasSetStream_v2", Status: s}
	}
	d.alloc = newAllocator(deviceMem{d})
	return d, nil
}

// driverErr wraps a failed call's Result with the driver's description.
func (l *libraries) driverErr(call string, r Result) error {
	e := &DriverError{Call: call, Result: r}
	var s uintptr
	if l.drv.cuGetErrorString != nil && l.drv.cuGetErrorString(r, &s) == resultSuccess {
		e.Detail = cString(s)
	}
	return e
}

// String describes the device: "NVIDIA H100 80GB HBM3 (sm_90, 132 SMs,
// 79.1 GiB, driver 12.8)".
func (d *Device) String() string {
	return fmt.Sprintf("%s (sm_%d%d, %d SMs, %.1f GiB, driver %d.%d)", d.name, d.major, d.minor, d.sms,
		float64(d.totalMem)/(1<<30), d.driver/1000, d.driver%1000/10)
}

// Name is the GPU's name as the driver reports it.
func (d *Device) Name() string { return d.name }

// ComputeCapability is the GPU's architecture: 9, 0 for sm_90.
func (d *Device) ComputeCapability() (major, minor int) { return d.major, d.minor }

// TotalMemory is the GPU's memory in bytes.
func (d *Device) TotalMemory() uint64 { return d.totalMem }

// Allocator is the device's caching allocator.
func (d *Device) Allocator() *Allocator { return d.alloc }

// enter makes the device's context current on a locked OS thread: CUDA
// keeps the current context per thread, and goroutines move between
// threads. Every driver call happens between enter and the returned exit.
func (d *Device) enter() (exit func(), err error) {
	d.mu.Lock()
	if d.closed {
		d.mu.Unlock()
		return nil, errors.New("cuda: device is closed")
	}
	runtime.LockOSThread()
	if r := d.libs.drv.cuCtxSetCurrent(d.ctx); r != resultSuccess {
		runtime.UnlockOSThread()
		d.mu.Unlock()
		return nil, d.libs.driverErr("cuCtxSetCurrent", r)
	}
	return func() {
		runtime.UnlockOSThread()
		d.mu.Unlock()
	}, nil
}

// deviceMem is the real memBackend. It is only called by the allocator,
// itself only called from inside enter.
type deviceMem struct{ d *Device }

func (m deviceMem) alloc(n uint64) (Ptr, error) {
	var p uint64
	if r := m.d.libs.drv.cuMemAlloc(&p, n); r != resultSuccess {
		return 0, m.d.libs.driverErr("cuMemAlloc_v2", r)
	}
	return Ptr(p), nil
}

func (m deviceMem) free(p Ptr) error {
	if r := m.d.libs.drv.cuMemFree(uint64(p)); r != resultSuccess {
		return m.d.libs.driverErr("cuMemFree_v2", r)
	}
	return nil
}

// Alloc returns n bytes of device memory from the caching allocator.
func (d *Device) Alloc(n uint64) (Ptr, error) {
	exit, err := d.enter()
	if err != nil {
		return 0, err
	}
	defer exit()
	return d.alloc.Alloc(n)
}

// Free returns memory from Alloc to the cache.
func (d *Device) Free(p Ptr) error { return d.alloc.Free(p) }

// Zero sets n bytes at p to zero (queued on the stream).
func (d *Device) Zero(p Ptr, n uint64) error {
	exit, err := d.enter()
	if err != nil {
		return err
	}
	defer exit()
	if r := d.libs.drv.cuMemsetD8Async(uint64(p), 0, n, d.stream); r != resultSuccess {
		return d.libs.driverErr("cuMemsetD8Async", r)
	}
	return nil
}

// CopyDtoD copies n bytes from src to dst in device memory (queued on the
// stream).
func (d *Device) CopyDtoD(dst, src Ptr, n uint64) error {
	if n == 0 {
		return nil
	}
	exit, err := d.enter()
	if err != nil {
		return err
	}
	defer exit()
	if r := d.libs.drv.cuMemcpyDtoDAsync(uint64(dst), uint64(src), n, d.stream); r != resultSuccess {
		return d.libs.driverErr("cuMemcpyDtoDAsync_v2", r)
	}
	return nil
}

// copyIn copies n bytes from host memory src to p and waits for the copy:
// the host memory is Go's, so it is pinned only for the call and must not
// be read by the device after it returns.
func (d *Device) copyIn(p Ptr, src unsafe.Pointer, n uint64) error {
	if n == 0 {
		return nil
	}
	exit, err := d.enter()
	if err != nil {
		return err
	}
	defer exit()
	var pin runtime.Pinner
	pin.Pin(src)
	defer pin.Unpin()
	if r := d.libs.drv.cuMemcpyHtoDAsync(uint64(p), src, n, d.stream); r != resultSuccess {
		return d.libs.driverErr("cuMemcpyHtoDAsync_v2", r)
	}
	if r := d.libs.drv.cuStreamSynchronize(d.stream); r != resultSuccess {
		return d.libs.driverErr("cuStreamSynchronize", r)
	}
	return nil
}

// copyOut copies n bytes from p to host memory dst, waiting for all work
// queued before it.
func (d *Device) copyOut(dst unsafe.Pointer, p Ptr, n uint64) error {
	if n == 0 {
		return nil
	}
	exit, err := d.enter()
	if err != nil {
		return err
	}
	defer exit()
	var pin runtime.Pinner
	pin.Pin(dst)
	defer pin.Unpin()
	if r := d.libs.drv.cuMemcpyDtoHAsync(dst, uint64(p), n, d.stream); r != resultSuccess {
		return d.libs.driverErr("cuMemcpyDtoHAsync_v2", r)
	}
	if r := d.libs.drv.cuStreamSynchronize(d.stream); r != resultSuccess {
		return d.libs.driverErr("cuStreamSynchronize", r)
	}
	return nil
}

// Upload allocates device memory for s and copies s into it.
func Upload[T any](d *Device, s []T) (Ptr, error) {
	n := uint64(len(s)) * uint64(unsafe.Sizeof(*new(T)))
	p, err := d.Alloc(n)
	if err != nil || n == 0 {
		return p, err
	}
	if err := d.copyIn(p, unsafe.Pointer(&s[0]), n); err != nil {
		d.Free(p)
		return 0, err
	}
	return p, nil
}

// CopyIn copies s into device memory at p, which must hold it.
func CopyIn[T any](d *Device, p Ptr, s []T) error {
	if len(s) == 0 {
		return nil
	}
	return d.copyIn(p, unsafe.Pointer(&s[0]), uint64(len(s))*uint64(unsafe.Sizeof(s[0])))
}

// CopyOut copies len(dst) values from device memory at p into dst, after
// everything queued before it has run.
func CopyOut[T any](d *Device, dst []T, p Ptr) error {
	if len(dst) == 0 {
		return nil
	}
	return d.copyOut(unsafe.Pointer(&dst[0]), p, uint64(len(dst))*uint64(unsafe.Sizeof(dst[0])))
}

// Sync waits for everything queued on the device's stream.
func (d *Device) Sync() error {
	exit, err := d.enter()
	if err != nil {
		return err
	}
	defer exit()
	if r := d.libs.drv.cuStreamSynchronize(d.stream); r != resultSuccess {
		return d.libs.driverErr("cuStreamSynchronize", r)
	}
	return nil
}

// MemInfo reports the device's free and total memory as the driver sees
// it (the allocator's cache counts as used).
func (d *Device) MemInfo() (free, total uint64, err error) {
	exit, err := d.enter()
	if err != nil {
		return 0, 0, err
	}
	defer exit()
	if r := d.libs.drv.cuMemGetInfo(&free, &total); r != resultSuccess {
		return 0, 0, d.libs.driverErr("cuMemGetInfo_v2", r)
	}
	return free, total, nil
}

// Close waits for queued work and releases the device: kernels, cached
// memory, the cuBLAS handle, the stream and the primary context. Memory
// still handed out is freed with the context.
func (d *Device) Close() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed {
		return nil
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	d.libs.drv.cuCtxSetCurrent(d.ctx)
	return d.closeLocked()
}

func (d *Device) closeLocked() error {
	drv := d.libs.drv
	var errs []error
	if r := drv.cuStreamSynchronize(d.stream); r != resultSuccess {
		errs = append(errs, d.libs.driverErr("cuStreamSynchronize", r))
	}
	if d.kern != nil && d.kern.mod != 0 {
		drv.cuModuleUnload(d.kern.mod)
		d.kern = nil
	}
	if d.gen != nil && d.gen.mod != 0 {
		drv.cuModuleUnload(d.gen.mod)
		d.gen = nil
	}
	if d.alloc != nil {
		if err := d.alloc.Release(); err != nil {
			errs = append(errs, err)
		}
	}
	if d.blas != 0 {
		d.libs.blas.cublasDestroy(d.blas)
	}
	drv.cuStreamDestroy(d.stream)
	drv.cuDevicePrimaryCtxRelease(d.ordinal)
	d.closed = true
	return errors.Join(errs...)
}
