package cuda

import (
	"embed"
	"fmt"
	"io/fs"
	"runtime"
	"sort"
	"strings"
	"unsafe"
)

// kernelFS holds the CUDA C sources compiled at run time by NVRTC.
//
//go:embed kernels/*.cu kernels/common.cuh kernels/gen/*.cu
var kernelFS embed.FS

// GenKernelSource returns the generation program (kernels/gen/*.cu after
// kernels/common.cuh), which NVRTC compiles on first use, apart from the
// training kernels.
func GenKernelSource() (string, error) {
	var b strings.Builder
	common, err := kernelFS.ReadFile("kernels/common.cuh")
	if err != nil {
		return "", err
	}
	b.Write(common)
	ents, err := fs.ReadDir(kernelFS, "kernels/gen")
	if err != nil {
		return "", err
	}
	for _, e := range ents {
		src, err := kernelFS.ReadFile("kernels/gen/" + e.Name())
		if err != nil {
			return "", err
		}
		fmt.Fprintf(&b, "\n// ---- gen/%s ----\n", e.Name())
		b.Write(src)
	}
	return b.String(), nil
}

// KernelSource returns the program NVRTC compiles: kernels/common.cuh
// followed by every kernels/*.cu in name order.
func KernelSource() (string, error) {
	var b strings.Builder
	common, err := kernelFS.ReadFile("kernels/common.cuh")
	if err != nil {
		return "", err
	}
	b.Write(common)
	names, err := KernelFiles()
	if err != nil {
		return "", err
	}
	for _, n := range names {
		src, err := kernelFS.ReadFile("kernels/" + n)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(&b, "\n// ---- %s ----\n", n)
		b.Write(src)
	}
	return b.String(), nil
}

// KernelFiles lists the embedded .cu files, sorted.
func KernelFiles() ([]string, error) {
	ents, err := fs.ReadDir(kernelFS, "kernels")
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range ents {
		if strings.HasSuffix(e.Name(), ".cu") {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	return names, nil
}

// KernelFile returns one embedded source file (a .cu or common.cuh).
func KernelFile(name string) ([]byte, error) { return kernelFS.ReadFile("kernels/" + name) }

// kernelSet is the compiled module and the functions looked up in it.
type kernelSet struct {
	mod   uintptr
	funcs map[string]uintptr
	// how the module was built, for errors and logs
	arch string
}

// Kernels compiles the kernels for this device, once; later calls return
// at once. It reports NVRTC's log when compilation fails.
func (d *Device) Kernels() error {
	exit, err := d.enter()
	if err != nil {
		return err
	}
	defer exit()
	return d.kernelsLocked()
}

func (d *Device) kernelsLocked() error {
	if d.kern != nil {
		return nil
	}
	src, err := KernelSource()
	if err != nil {
		return err
	}
	d.kern, err = d.loadProgram(src)
	return err
}

// genKernelsLocked compiles the generation program, once.
func (d *Device) genKernelsLocked() error {
	if d.gen != nil {
		return nil
	}
	src, err := GenKernelSource()
	if err != nil {
		return err
	}
	d.gen, err = d.loadProgram(src)
	return err
}

// loadProgram compiles src for the device and loads it as a module.
func (d *Device) loadProgram(src string) (*kernelSet, error) {
	image, arch, err := d.libs.compile(src, d.major*10+d.minor)
	if err != nil {
		return nil, err
	}
	var mod uintptr
	var pin runtime.Pinner
	pin.Pin(&image[0])
	r := d.libs.drv.cuModuleLoadData(&mod, unsafe.Pointer(&image[0]))
	pin.Unpin()
	if r != resultSuccess {
		return nil, fmt.Errorf("loading kernels built for %s: %w", arch, d.libs.driverErr("cuModuleLoadData", r))
	}
	return &kernelSet{mod: mod, funcs: map[string]uintptr{}, arch: arch}, nil
}

// compile builds src with NVRTC. For a device NVRTC knows it produces a
// CUBIN for exactly that architecture; for a newer device than NVRTC knows
// it produces PTX for the newest architecture NVRTC has, which the driver
// compiles on load.
func (l *libraries) compile(src string, cc int) ([]byte, string, error) {
	nv := l.nvrtc
	known := cc
	cubin := nv.nvrtcGetCUBIN != nil
	if nv.nvrtcGetNumSupportedArchs != nil {
		var n int32
		if nv.nvrtcGetNumSupportedArchs(&n) == 0 && n > 0 {
			archs := make([]int32, n)
			nv.nvrtcGetSupportedArchs(&archs[0])
			best := 0
			for _, a := range archs {
				if int(a) <= cc && int(a) > best {
					best = int(a)
				}
			}
			if best == 0 {
				return nil, "", fmt.Errorf("cuda: %s supports no architecture at or below sm_%d", nv.file, cc)
			}
			if best != cc {
				known, cubin = best, false
			}
		}
	}
	arch := fmt.Sprintf("sm_%d", known)
	if !cubin {
		arch = fmt.Sprintf("compute_%d", known)
	}
	var prog uintptr
	if c := nv.nvrtcCreateProgram(&prog, src, "arena_kernels.cu", 0, nil, nil); c != 0 {
		return nil, "", &NVRTCError{Call: "nvrtcCreateProgram", Code: c}
	}
	defer nv.nvrtcDestroyProgram(&prog)
	// Default IEEE division and square root; contractions into FMA stay
	// allowed except where the kernels forbid them with _rn intrinsics.
	opts := []string{"--gpu-architecture=" + arch, "--std=c++14", "-default-device"}
	cstrs := make([][]byte, len(opts))
	ptrs := make([]unsafe.Pointer, len(opts))
	var pin runtime.Pinner
	defer pin.Unpin()
	for i, o := range opts {
		cstrs[i] = append([]byte(o), 0)
		pin.Pin(&cstrs[i][0])
		ptrs[i] = unsafe.Pointer(&cstrs[i][0])
	}
	pin.Pin(&ptrs[0])
	if c := nv.nvrtcCompileProgram(prog, int32(len(opts)), unsafe.Pointer(&ptrs[0])); c != 0 {
		return nil, "", &NVRTCError{Call: "nvrtcCompileProgram (" + arch + ")", Code: c, Log: programLog(nv, prog)}
	}
	var size uint64
	var out []byte
	if cubin {
		if c := nv.nvrtcGetCUBINSize(prog, &size); c != 0 || size == 0 {
			return nil, "", &NVRTCError{Call: "nvrtcGetCUBINSize", Code: c}
		}
		out = make([]byte, size)
		if c := nv.nvrtcGetCUBIN(prog, &out[0]); c != 0 {
			return nil, "", &NVRTCError{Call: "nvrtcGetCUBIN", Code: c}
		}
	} else {
		if c := nv.nvrtcGetPTXSize(prog, &size); c != 0 || size == 0 {
			return nil, "", &NVRTCError{Call: "nvrtcGetPTXSize", Code: c}
		}
		out = make([]byte, size) // includes the terminating NUL the driver wants
		if c := nv.nvrtcGetPTX(prog, &out[0]); c != 0 {
			return nil, "", &NVRTCError{Call: "nvrtcGetPTX", Code: c}
		}
	}
	return out, arch, nil
}

func programLog(nv *nvrtcAPI, prog uintptr) string {
	var n uint64
	if nv.nvrtcGetProgramLogSize(prog, &n) != 0 || n <= 1 {
		return ""
	}
	buf := make([]byte, n)
	nv.nvrtcGetProgramLog(prog, &buf[0])
	return strings.TrimRight(string(buf), "\x00\n")
}

// dim is a launch's grid or block shape.
type dim struct{ x, y, z uint32 }

// launch queues kernel name on the device's stream. Arguments are Ptr,
// int (passed as a C int), int64 (long long), float32 and uint32, in the
// kernel's parameter order. Names starting "gen_" are the generation
// program's.
func (d *Device) launch(name string, grid, block dim, args ...any) error {
	exit, err := d.enter()
	if err != nil {
		return err
	}
	defer exit()
	set := d.kern
	if strings.HasPrefix(name, "gen_") {
		if err := d.genKernelsLocked(); err != nil {
			return err
		}
		set = d.gen
	} else {
		if err := d.kernelsLocked(); err != nil {
			return err
		}
		set = d.kern
	}
	fn, ok := set.funcs[name]
	if !ok {
		if r := d.libs.drv.cuModuleGetFunction(&fn, set.mod, name); r != resultSuccess {
			return fmt.Errorf("kernel %s: %w", name, d.libs.driverErr("cuModuleGetFunction", r))
		}
		set.funcs[name] = fn
	}
	// The driver reads each argument through a pointer; the values live
	// in one pinned slab for the duration of the call.
	slab := make([]uint64, len(args))
	params := make([]unsafe.Pointer, len(args))
	for i, a := range args {
		switch v := a.(type) {
		case Ptr:
			slab[i] = uint64(v)
		case int:
			*(*int32)(unsafe.Pointer(&slab[i])) = int32(v)
		case int64:
			slab[i] = uint64(v)
		case uint32:
			*(*uint32)(unsafe.Pointer(&slab[i])) = v
		case float32:
			*(*float32)(unsafe.Pointer(&slab[i])) = v
		default:
			return fmt.Errorf("cuda: kernel %s: argument %d has unsupported type %T", name, i, a)
		}
		params[i] = unsafe.Pointer(&slab[i])
	}
	var pin runtime.Pinner
	defer pin.Unpin()
	var pp unsafe.Pointer
	if len(args) > 0 {
		pin.Pin(&slab[0])
		pin.Pin(&params[0])
		pp = unsafe.Pointer(&params[0])
	}
	if r := d.libs.drv.cuLaunchKernel(fn, grid.x, max(grid.y, 1), max(grid.z, 1), block.x, max(block.y, 1), max(block.z, 1), 0, d.stream, pp, nil); r != resultSuccess {
		return fmt.Errorf("kernel %s: %w", name, d.libs.driverErr("cuLaunchKernel", r))
	}
	return nil
}

// ptrOf passes a host scalar to a C function that reads it during the
// call (cuBLAS's alpha and beta in host pointer mode).
func ptrOf(f *float32) unsafe.Pointer { return unsafe.Pointer(f) }
