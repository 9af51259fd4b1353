package cuda

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestKernelsParseWithClang checks every embedded kernel with clang's CUDA
// front end, device side only, with testdata/clang_prelude.h standing in
// for what NVRTC provides built in. It needs no GPU and no CUDA toolkit,
// only clang (skipped when clang is absent). sm_90 is tried first; older
// clangs that do not know it check against sm_80, which the kernels target
// equally (they use nothing newer).
func TestKernelsParseWithClang(t *testing.T) {
	clang, err := exec.LookPath("clang")
	if err != nil {
		t.Skip("clang not installed; the kernels' CUDA C is not syntax-checked")
	}
	prelude, err := os.ReadFile("testdata/clang_prelude.h")
	if err != nil {
		t.Fatal(err)
	}
	common, err := KernelFile("common.cuh")
	if err != nil {
		t.Fatal(err)
	}
	names, err := KernelFiles()
	if err != nil {
		t.Fatal(err)
	}
	gen, err := fs.ReadDir(kernelFS, "kernels/gen")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range gen {
		names = append(names, "gen/"+e.Name())
	}
	if len(names) == 0 {
		t.Fatal("no kernels embedded")
	}
	dir := t.TempDir()
	arch := ""
	for _, name := range names {
		src, err := KernelFile(name)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, strings.ReplaceAll(name, "/", "_"))
		if err := os.WriteFile(path, append(append(append([]byte{}, prelude...), common...), src...), 0o644); err != nil {
			t.Fatal(err)
		}
		for _, a := range []string{"sm_90", "sm_80"} {
			if arch != "" && a != arch {
				continue
			}
			out, err := exec.Command(clang, "-x", "cuda", "--cuda-gpu-arch="+a, "--cuda-device-only",
				"-nocudainc", "-nocudalib", "-fsyntax-only", "-Wall", "-Werror", path).CombinedOutput()
			if err != nil && strings.Contains(string(out), "unsupported CUDA gpu architecture") {
				continue
			}
			if err != nil {
				t.Errorf("%s does not compile (%s):\n%s", name, a, out)
			}
			arch = a
			break
		}
		if arch == "" {
			t.Skip("clang knows neither sm_90 nor sm_80")
		}
	}
	t.Logf("checked %d kernels against %s", len(names), arch)
}

// The program NVRTC compiles holds every kernel the launchers name.
func TestKernelSourceNamesEveryKernel(t *testing.T) {
	src, err := KernelSource()
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"rmsnorm_fwd", "rmsnorm_fwd_bf16", "rmsnorm_bwd", "rmsnorm_bwd_dw", "rope",
		"swiglu_fwd", "swiglu_bwd", "attn_fwd", "attn_bwd_dot", "attn_bwd_dq", "attn_bwd_dkdv",
		"logprob_fwd", "logprob_bwd", "nf4_dequant", "nf4_dequant_bf16", "scale_inplace", "add_scaled",
		"f32_to_bf16_kernel", "bf16_to_f32_kernel", "sumsq_partial", "adamw"} {
		if !strings.Contains(src, `extern "C" __global__ void `+k+"(") {
			t.Errorf("kernel %s missing from the program", k)
		}
	}
	if strings.Contains(src, "#include") {
		t.Error("kernels must not include headers: NVRTC is given none")
	}
	gen, err := GenKernelSource()
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"gen_kv_append", "gen_attn_decode"} {
		if !strings.Contains(gen, `extern "C" __global__ void `+k+"(") {
			t.Errorf("kernel %s missing from the generation program", k)
		}
	}
	if strings.Contains(gen, "#include") || strings.Contains(src, "gen_attn_decode") {
		t.Error("the generation program includes a header, or its kernels leaked into the training program")
	}
}
