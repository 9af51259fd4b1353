package ops

import (
	"fmt"
	"strings"
)

// Kernels returns the name of the kernel set in use: "avx512", "avx2" or
// "go" (the portable one every machine runs).
func Kernels() string { return active.name }

// KernelSets lists the kernel sets this machine can run, best first.
func KernelSets() []string {
	var names []string
	for _, kn := range allKernels() {
		names = append(names, kn.name)
	}
	return names
}

// UseKernels switches every op to the named kernel set, one of
// KernelSets. It is for start-up (a flag, a test): an op running while it
// switches may mix two sets. Results differ between sets only in the last
// bits of a float32, which is what verification's tolerance absorbs.
func UseKernels(name string) error {
	for _, kn := range allKernels() {
		if kn.name == name {
			active = kn
			return nil
		}
	}
	return fmt.Errorf("ops: kernel set %q is not one this machine runs (%s)", name, strings.Join(KernelSets(), ", "))
}
