package cuda

import (
	"errors"
	"fmt"
	"strings"
)

// ErrNoDevice is wrapped by the errors of Open that mean "this machine has
// no usable NVIDIA GPU" (no driver, no device, or a driver that refuses to
// start), as opposed to a GPU that is present but failed later. Callers
// that may fall back to the CPU test for it with errors.Is.
var ErrNoDevice = errors.New("no usable NVIDIA GPU")

// LibraryError says that a shared library could not be opened or lacks a
// function the backend needs.
type LibraryError struct {
	// What the library is for, in words: "NVIDIA driver", "NVRTC (the CUDA
	// runtime compiler)", "cuBLAS".
	What string
	// Tried lists the file names (or paths) tried, in order.
	Tried []string
	// Symbol is the missing function, when the library opened but lacks it.
	Symbol string
	// Err is the loader's last message.
	Err error
}

func (e *LibraryError) Error() string {
	if e.Symbol != "" {
		return fmt.Sprintf("%s: %s has no function %s (is it too old?): %v", e.What, strings.Join(e.Tried, ", "), e.Symbol, e.Err)
	}
	name := "library"
	if len(e.Tried) > 0 {
		name = e.Tried[0]
	}
	prefix := "no " + e.What
	return fmt.Sprintf("%s: %s not found (tried %s: %v)", prefix, name, strings.Join(e.Tried, ", "), e.Err)
}

func (e *LibraryError) Unwrap() error { return e.Err }

// Result is a CUresult, the status code of a driver API call.
type Result int32

// The driver results this package tests for by value.
const (
	resultSuccess         Result = 0
	resultOutOfMemory     Result = 2
	resultNotInitialized  Result = 3
	resultNoDevice        Result = 100
	resultInvalidDevice   Result = 101
	resultNoBinaryForGPU  Result = 209
	resultUnsupportedPTX  Result = 222
	resultInsufficientDrv Result = 35
)

// resultNames names the codes worth naming even when cuGetErrorName is not
// at hand (for example when cuInit itself failed).
var resultNames = map[Result]string{
	0:   "CUDA_SUCCESS",
	1:   "CUDA_ERROR_INVALID_VALUE",
	2:   "CUDA_ERROR_OUT_OF_MEMORY",
	3:   "CUDA_ERROR_NOT_INITIALIZED",
	4:   "CUDA_ERROR_DEINITIALIZED",
	35:  "CUDA_ERROR_INSUFFICIENT_DRIVER",
	46:  "CUDA_ERROR_DEVICE_UNAVAILABLE",
	100: "CUDA_ERROR_NO_DEVICE",
	101: "CUDA_ERROR_INVALID_DEVICE",
	200: "CUDA_ERROR_INVALID_IMAGE",
	201: "CUDA_ERROR_INVALID_CONTEXT",
	209: "CUDA_ERROR_NO_BINARY_FOR_GPU",
	218: "CUDA_ERROR_INVALID_PTX",
	222: "CUDA_ERROR_UNSUPPORTED_PTX_VERSION",
	300: "CUDA_ERROR_INVALID_SOURCE",
	400: "CUDA_ERROR_INVALID_HANDLE",
	500: "CUDA_ERROR_NOT_FOUND",
	700: "CUDA_ERROR_ILLEGAL_ADDRESS",
	701: "CUDA_ERROR_LAUNCH_OUT_OF_RESOURCES",
	702: "CUDA_ERROR_LAUNCH_TIMEOUT",
	719: "CUDA_ERROR_LAUNCH_FAILED",
	999: "CUDA_ERROR_UNKNOWN",
}

// Name is the CUresult's enumerator name, or "CUresult(n)".
func (r Result) Name() string {
	if n, ok := resultNames[r]; ok {
		return n
	}
	return fmt.Sprintf("CUresult(%d)", int32(r))
}

func (r Result) Error() string { return r.Name() }

// DriverError is a failed driver call: which call, and its Result.
type DriverError struct {
	Call   string
	Result Result
	// Detail is the driver's own description (cuGetErrorString), when it
	// could be had.
	Detail string
}

func (e *DriverError) Error() string {
	s := fmt.Sprintf("cuda: %s: %s (%d)", e.Call, e.Result.Name(), int32(e.Result))
	if e.Detail != "" {
		s += ": " + e.Detail
	}
	return s
}

func (e *DriverError) Unwrap() error { return e.Result }

// NVRTCError is a failed NVRTC call; a compilation failure carries the
// compiler's log.
type NVRTCError struct {
	Call string
	Code int32
	Log  string
}

// nvrtcNames are nvrtcResult's enumerator names.
var nvrtcResultNames = []string{
	"NVRTC_SUCCESS",
	"NVRTC_ERROR_OUT_OF_MEMORY",
	"NVRTC_ERROR_PROGRAM_CREATION_FAILURE",
	"NVRTC_ERROR_INVALID_INPUT",
	"NVRTC_ERROR_INVALID_PROGRAM",
	"NVRTC_ERROR_INVALID_OPTION",
	"NVRTC_ERROR_COMPILATION",
	"NVRTC_ERROR_BUILTIN_OPERATION_FAILURE",
	"NVRTC_ERROR_NO_NAME_EXPRESSIONS_AFTER_COMPILATION",
	"NVRTC_ERROR_NO_LOWERED_NAMES_BEFORE_COMPILATION",
	"NVRTC_ERROR_NAME_EXPRESSION_NOT_VALID",
	"NVRTC_ERROR_INTERNAL_ERROR",
}

func (e *NVRTCError) Error() string {
	name := fmt.Sprintf("nvrtcResult(%d)", e.Code)
	if e.Code >= 0 && int(e.Code) < len(nvrtcResultNames) {
		name = nvrtcResultNames[e.Code]
	}
	s := fmt.Sprintf("cuda: nvrtc: %s: %s", e.Call, name)
	if e.Log != "" {
		s += "\n" + e.Log
	}
	return s
}

// BLASStatus is a failed cuBLAS call's cublasStatus_t.
type BLASStatus struct {
	Call   string
	Status int32
}

var blasNames = map[int32]string{
	0:  "CUBLAS_STATUS_SUCCESS",
	1:  "CUBLAS_STATUS_NOT_INITIALIZED",
	3:  "CUBLAS_STATUS_ALLOC_FAILED",
	7:  "CUBLAS_STATUS_INVALID_VALUE",
	8:  "CUBLAS_STATUS_ARCH_MISMATCH",
	11: "CUBLAS_STATUS_MAPPING_ERROR",
	13: "CUBLAS_STATUS_EXECUTION_FAILED",
	14: "CUBLAS_STATUS_INTERNAL_ERROR",
	15: "CUBLAS_STATUS_NOT_SUPPORTED",
	16: "CUBLAS_STATUS_LICENSE_ERROR",
}

func (e *BLASStatus) Error() string {
	name, ok := blasNames[e.Status]
	if !ok {
		name = fmt.Sprintf("cublasStatus(%d)", e.Status)
	}
	return fmt.Sprintf("cuda: cublas: %s: %s", e.Call, name)
}
