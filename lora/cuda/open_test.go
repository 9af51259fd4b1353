package cuda

import (
	"errors"
	"strings"
	"testing"
)

// On a machine without the NVIDIA driver, Open fails with an error that
// names the missing library and wraps ErrNoDevice.
func TestOpenWithoutGPU(t *testing.T) {
	d, err := Open(Options{})
	if err == nil {
		d.Close()
		t.Skipf("this machine has a GPU (%s); the no-GPU error is not exercised", d)
	}
	var le *LibraryError
	if !errors.As(err, &le) || le.What != "NVIDIA driver" {
		// A driver without a device is the other no-GPU case.
		if errors.Is(err, ErrNoDevice) {
			t.Logf("driver present, no device: %v", err)
			return
		}
		t.Skipf("GPU stack partly present: %v", err)
	}
	if !errors.Is(err, ErrNoDevice) {
		t.Errorf("error %v does not wrap ErrNoDevice", err)
	}
	msg := err.Error()
	if !strings.Contains(msg, "no NVIDIA driver: libcuda.so.1 not found") {
		t.Errorf("error %q does not say the driver library is missing", msg)
	}
}

func TestErrorMessages(t *testing.T) {
	e := &DriverError{Call: "cuMemAlloc_v2", Result: resultOutOfMemory, Detail: "out of memory"}
	if got := e.Error(); got != "cuda: cuMemAlloc_v2: CUDA_ERROR_OUT_OF_MEMORY (2): out of memory" {
		t.Errorf("DriverError: %q", got)
	}
	if !errors.Is(e, resultOutOfMemory) {
		t.Error("DriverError does not unwrap to its Result")
	}
	if got := Result(12345).Name(); got != "CUresult(12345)" {
		t.Errorf("unknown result named %q", got)
	}
	n := &NVRTCError{Call: "nvrtcCompileProgram (sm_90)", Code: 6, Log: "kernel.cu(3): error: x"}
	if got := n.Error(); !strings.Contains(got, "NVRTC_ERROR_COMPILATION") || !strings.Contains(got, "error: x") {
		t.Errorf("NVRTCError: %q", got)
	}
	l := &LibraryError{What: "NVRTC (the CUDA runtime compiler)", Tried: []string{"libnvrtc.so.13", "libnvrtc.so.12"}, Err: errors.New("cannot open")}
	if got := l.Error(); !strings.HasPrefix(got, "no NVRTC (the CUDA runtime compiler): libnvrtc.so.13 not found (tried libnvrtc.so.13, libnvrtc.so.12") {
		t.Errorf("LibraryError: %q", got)
	}
	s := &LibraryError{What: "cuBLAS", Tried: []string{"libcublas.so.12"}, Symbol: "cublasGemmEx", Err: errors.New("undefined symbol")}
	if got := s.Error(); !strings.Contains(got, "has no function cublasGemmEx") {
		t.Errorf("missing symbol: %q", got)
	}
	if got := (&BLASStatus{Call: "cublasGemmEx", Status: 15}).Error(); got != "cuda: cublas: cublasGemmEx: CUBLAS_STATUS_NOT_SUPPORTED" {
		t.Errorf("BLASStatus: %q", got)
	}
}
