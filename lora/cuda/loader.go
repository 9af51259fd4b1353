package cuda

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"unsafe"

	"github.com/ebitengine/purego"
)

// Library file names, in the order they are tried. The driver has one
// stable soname; NVRTC and cuBLAS carry the toolkit's major version, newest
// first, then the unversioned development link.
var (
	driverNames = []string{"libcuda.so.1"}
	nvrtcNames  = []string{"libnvrtc.so.13", "libnvrtc.so.12", "libnvrtc.so"}
	cublasNames = []string{"libcublas.so.13", "libcublas.so.12", "libcublas.so"}
)

// LibDirsEnv names the environment variable that lists extra directories
// (separated by ':') searched for NVRTC and cuBLAS before the loader's own
// search path: where pip's nvidia-* wheels or an unpacked toolkit put them.
const LibDirsEnv = "ARENA_CUDA_LIB_DIRS"

// openLib dlopens the first of names that opens, trying each directory of
// dirs before the bare name (which the dynamic loader resolves through
// LD_LIBRARY_PATH, the ld.so cache and the default paths).
func openLib(what string, names, dirs []string) (uintptr, string, error) {
	var tried []string
	var last error
	for _, name := range names {
		cands := make([]string, 0, len(dirs)+1)
		for _, d := range dirs {
			cands = append(cands, filepath.Join(d, name))
		}
		cands = append(cands, name)
		for _, c := range cands {
			if strings.ContainsRune(c, '/') {
				if _, err := os.Stat(c); err != nil {
					continue // not there: not worth a dlopen message
				}
			}
			tried = append(tried, c)
			h, err := purego.Dlopen(c, purego.RTLD_NOW|purego.RTLD_GLOBAL)
			if err == nil {
				return h, c, nil
			}
			last = err
		}
	}
	if last == nil {
		last = errors.New("not found")
	}
	return 0, "", &LibraryError{What: what, Tried: tried, Err: last}
}

// binder binds C functions of one library to Go function variables,
// remembering the first missing symbol instead of panicking.
type binder struct {
	what, file string
	lib        uintptr
	err        error
}

// bind sets *fn (a pointer to a func variable) to the library's symbol.
// Optional symbols leave *fn nil when missing.
func (b *binder) bind(fn any, symbol string, optional bool) {
	if b.err != nil {
		return
	}
	addr, err := purego.Dlsym(b.lib, symbol)
	if err != nil || addr == 0 {
		if !optional {
			b.err = &LibraryError{What: b.what, Tried: []string{b.file}, Symbol: symbol, Err: err}
		}
		return
	}
	purego.RegisterFunc(fn, addr)
}

// driverAPI is the part of the CUDA driver API the backend calls.
type driverAPI struct {
	file string

	cuInit                    func(flags uint32) Result
	cuDriverGetVersion        func(v *int32) Result
	cuDeviceGetCount          func(n *int32) Result
	cuDeviceGet               func(dev *int32, ordinal int32) Result
	cuDeviceGetName           func(name *byte, n int32, dev int32) Result
	cuDeviceGetAttribute      func(v *int32, attr int32, dev int32) Result
	cuDeviceTotalMem          func(bytes *uint64, dev int32) Result
	cuDevicePrimaryCtxRetain  func(ctx *uintptr, dev int32) Result
	cuDevicePrimaryCtxRelease func(dev int32) Result
	cuCtxSetCurrent           func(ctx uintptr) Result
	cuCtxSynchronize          func() Result
	cuMemAlloc                func(ptr *uint64, size uint64) Result
	cuMemFree                 func(ptr uint64) Result
	cuMemGetInfo              func(free, total *uint64) Result
	cuMemcpyHtoDAsync         func(dst uint64, src unsafe.Pointer, n uint64, stream uintptr) Result
	cuMemcpyDtoHAsync         func(dst unsafe.Pointer, src uint64, n uint64, stream uintptr) Result
	cuMemcpyDtoDAsync         func(dst, src uint64, n uint64, stream uintptr) Result
	cuMemsetD8Async           func(dst uint64, v uint8, n uint64, stream uintptr) Result
	cuStreamCreate            func(stream *uintptr, flags uint32) Result
	cuStreamDestroy           func(stream uintptr) Result
	cuStreamSynchronize       func(stream uintptr) Result
	cuModuleLoadData          func(mod *uintptr, image unsafe.Pointer) Result
	cuModuleUnload            func(mod uintptr) Result
	cuModuleGetFunction       func(fn *uintptr, mod uintptr, name string) Result
	cuFuncSetAttribute        func(fn uintptr, attr int32, v int32) Result
	cuLaunchKernel            func(fn uintptr, gx, gy, gz, bx, by, bz, shmem uint32, stream uintptr, params unsafe.Pointer, extra unsafe.Pointer) Result
	cuGetErrorName            func(r Result, s *uintptr) Result
	cuGetErrorString          func(r Result, s *uintptr) Result
}

// nvrtcAPI is the part of NVRTC the backend calls.
type nvrtcAPI struct {
	file string

	nvrtcVersion              func(major, minor *int32) int32
	nvrtcCreateProgram        func(prog *uintptr, src, name string, nHeaders int32, headers, includeNames unsafe.Pointer) int32
	nvrtcDestroyProgram       func(prog *uintptr) int32
	nvrtcCompileProgram       func(prog uintptr, nOptions int32, options unsafe.Pointer) int32
	nvrtcGetProgramLogSize    func(prog uintptr, n *uint64) int32
	nvrtcGetProgramLog        func(prog uintptr, log *byte) int32
	nvrtcGetPTXSize           func(prog uintptr, n *uint64) int32
	nvrtcGetPTX               func(prog uintptr, ptx *byte) int32
	nvrtcGetCUBINSize         func(prog uintptr, n *uint64) int32 // optional: NVRTC 11.1+
	nvrtcGetCUBIN             func(prog uintptr, cubin *byte) int32
	nvrtcGetNumSupportedArchs func(n *int32) int32 // optional: NVRTC 11.2+
	nvrtcGetSupportedArchs    func(archs *int32) int32
}

// blasAPI is the part of cuBLAS the backend calls.
type blasAPI struct {
	file string

	cublasCreate      func(h *uintptr) int32
	cublasDestroy     func(h uintptr) int32
	cublasSetStream   func(h uintptr, stream uintptr) int32
	cublasSetMathMode func(h uintptr, mode int32) int32
	cublasSgemm       func(h uintptr, ta, tb int32, m, n, k int32, alpha *float32, a uint64, lda int32, b uint64, ldb int32, beta *float32, c uint64, ldc int32) int32
	cublasGemmEx      func(h uintptr, ta, tb int32, m, n, k int32, alpha unsafe.Pointer, a uint64, atype int32, lda int32, b uint64, btype int32, ldb int32, beta unsafe.Pointer, c uint64, ctype int32, ldc int32, compute int32, algo int32) int32
}

// libraries are the three opened libraries. They are opened once per
// process (dlopen is reference counted, and a driver cannot be unloaded
// safely while any context lives), so every Device shares them.
type libraries struct {
	drv   *driverAPI
	nvrtc *nvrtcAPI
	blas  *blasAPI
}

var (
	libsOnce sync.Once
	libsVal  *libraries
	libsErr  error
)

// loadLibraries opens and binds the driver, NVRTC and cuBLAS, once.
func loadLibraries(dirs []string) (*libraries, error) {
	libsOnce.Do(func() { libsVal, libsErr = openLibraries(dirs) })
	return libsVal, libsErr
}

func openLibraries(dirs []string) (*libraries, error) {
	// The driver is installed with the kernel module, never beside the
	// toolkit, so only the system's search path is used for it.
	h, file, err := openLib("NVIDIA driver", driverNames, nil)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrNoDevice, err)
	}
	d := &driverAPI{file: file}
	b := &binder{what: "NVIDIA driver", file: file, lib: h}
	b.bind(&d.cuInit, "cuInit", false)
	b.bind(&d.cuDriverGetVersion, "cuDriverGetVersion", false)
	b.bind(&d.cuDeviceGetCount, "cuDeviceGetCount", false)
	b.bind(&d.cuDeviceGet, "cuDeviceGet", false)
	b.bind(&d.cuDeviceGetName, "cuDeviceGetName", false)
	b.bind(&d.cuDeviceGetAttribute, "cuDeviceGetAttribute", false)
	b.bind(&d.cuDeviceTotalMem, "cuDeviceTotalMem_v2", false)
	b.bind(&d.cuDevicePrimaryCtxRetain, "cuDevicePrimaryCtxRetain", false)
	b.bind(&d.cuDevicePrimaryCtxRelease, "cuDevicePrimaryCtxRelease_v2", false)
	b.bind(&d.cuCtxSetCurrent, "cuCtxSetCurrent", false)
	b.bind(&d.cuCtxSynchronize, "cuCtxSynchronize", false)
	b.bind(&d.cuMemAlloc, "cuMemAlloc_v2", false)
	b.bind(&d.cuMemFree, "cuMemFree_v2", false)
	b.bind(&d.cuMemGetInfo, "cuMemGetInfo_v2", false)
	b.bind(&d.cuMemcpyHtoDAsync, "cuMemcpyHtoDAsync_v2", false)
	b.bind(&d.cuMemcpyDtoHAsync, "cuMemcpyDtoHAsync_v2", false)
	b.bind(&d.cuMemcpyDtoDAsync, "cuMemcpyDtoDAsync_v2", false)
	b.bind(&d.cuMemsetD8Async, "cuMemsetD8Async", false)
	b.bind(&d.cuStreamCreate, "cuStreamCreate", false)
	b.bind(&d.cuStreamDestroy, "cuStreamDestroy_v2", false)
	b.bind(&d.cuStreamSynchronize, "cuStreamSynchronize", false)
	b.bind(&d.cuModuleLoadData, "cuModuleLoadData", false)
	b.bind(&d.cuModuleUnload, "cuModuleUnload", false)
	b.bind(&d.cuModuleGetFunction, "cuModuleGetFunction", false)
	b.bind(&d.cuFuncSetAttribute, "cuFuncSetAttribute", false)
	b.bind(&d.cuLaunchKernel, "cuLaunchKernel", false)
	b.bind(&d.cuGetErrorName, "cuGetErrorName", false)
	b.bind(&d.cuGetErrorString, "cuGetErrorString", false)
	if b.err != nil {
		return nil, fmt.Errorf("%w: %w", ErrNoDevice, b.err)
	}

	h, file, err = openLib("NVRTC (the CUDA runtime compiler)", nvrtcNames, dirs)
	if err != nil {
		return nil, err
	}
	n := &nvrtcAPI{file: file}
	b = &binder{what: "NVRTC", file: file, lib: h}
	b.bind(&n.nvrtcVersion, "nvrtcVersion", false)
	b.bind(&n.nvrtcCreateProgram, "nvrtcCreateProgram", false)
	b.bind(&n.nvrtcDestroyProgram, "nvrtcDestroyProgram", false)
	b.bind(&n.nvrtcCompileProgram, "nvrtcCompileProgram", false)
	b.bind(&n.nvrtcGetProgramLogSize, "nvrtcGetProgramLogSize", false)
	b.bind(&n.nvrtcGetProgramLog, "nvrtcGetProgramLog", false)
	b.bind(&n.nvrtcGetPTXSize, "nvrtcGetPTXSize", false)
	b.bind(&n.nvrtcGetPTX, "nvrtcGetPTX", false)
	b.bind(&n.nvrtcGetCUBINSize, "nvrtcGetCUBINSize", true)
	b.bind(&n.nvrtcGetCUBIN, "nvrtcGetCUBIN", true)
	b.bind(&n.nvrtcGetNumSupportedArchs, "nvrtcGetNumSupportedArchs", true)
	b.bind(&n.nvrtcGetSupportedArchs, "nvrtcGetSupportedArchs", true)
	if b.err != nil {
		return nil, b.err
	}

	h, file, err = openLib("cuBLAS", cublasNames, dirs)
	if err != nil {
		return nil, err
	}
	bl := &blasAPI{file: file}
	b = &binder{what: "cuBLAS", file: file, lib: h}
	b.bind(&bl.cublasCreate, "cublasCreate_v2", false)
	b.bind(&bl.cublasDestroy, "cublasDestroy_v2", false)
	b.bind(&bl.cublasSetStream, "cublasSetStream_v2", false)
	b.bind(&bl.cublasSetMathMode, "cublasSetMathMode", false)
	b.bind(&bl.cublasSgemm, "cublasSgemm_v2", false)
	b.bind(&bl.cublasGemmEx, "cublasGemmEx", false)
	if b.err != nil {
		return nil, b.err
	}
	return &libraries{drv: d, nvrtc: n, blas: bl}, nil
}

// libDirs is opts' directories followed by those of LibDirsEnv.
func libDirs(opts []string) []string {
	dirs := append([]string(nil), opts...)
	if v := os.Getenv(LibDirsEnv); v != "" {
		for _, d := range filepath.SplitList(v) {
			if d != "" {
				dirs = append(dirs, d)
			}
		}
	}
	return dirs
}

// cString reads a NUL-terminated C string the library owns.
func cString(p uintptr) string {
	if p == 0 {
		return ""
	}
	var b []byte
	for i := uintptr(0); i < 4096; i++ {
		c := *(*byte)(unsafe.Add(unsafe.Pointer(nil), p+i))
		if c == 0 {
			break
		}
		b = append(b, c)
	}
	return string(b)
}
