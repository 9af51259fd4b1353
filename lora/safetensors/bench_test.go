package safetensors

import (
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkOpenFloat32 opens a 4 MiB F32 file of eight tensors, reads every
// tensor with Float32 and sums it (so every page is touched), and closes
// the file. MB/s counts the file's bytes.
func BenchmarkOpenFloat32(b *testing.B) {
	r := rand.New(rand.NewPCG(7, 8))
	var tensors []Tensor
	for i := range 8 {
		tensors = append(tensors, randomTensor(r, fmt.Sprintf("layer.%d.weight", i), 256, 512))
	}
	path := filepath.Join(b.TempDir(), "bench.safetensors")
	if err := Write(path, tensors, map[string]string{"format": "pt"}); err != nil {
		b.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(st.Size())
	var sink float32
	for b.Loop() {
		f, err := Open(path)
		if err != nil {
			b.Fatal(err)
		}
		for _, name := range f.Names() {
			v, err := f.Float32(name)
			if err != nil {
				b.Fatal(err)
			}
			for _, x := range v {
				sink += x
			}
		}
		if err := f.Close(); err != nil {
			b.Fatal(err)
		}
	}
	_ = sink
}

// BenchmarkBF16ToFloat32 reads a 4 MiB BF16 tensor as float32. MB/s counts
// the BF16 bytes converted.
func BenchmarkBF16ToFloat32(b *testing.B) {
	benchmarkHalf(b, BF16)
}

// BenchmarkF16ToFloat32 is BenchmarkBF16ToFloat32 for F16.
func BenchmarkF16ToFloat32(b *testing.B) {
	benchmarkHalf(b, F16)
}

func benchmarkHalf(b *testing.B, dtype DType) {
	const n = 2 << 20 // elements
	r := rand.New(rand.NewPCG(9, 10))
	data := make([]byte, 0, 2*n)
	for range n {
		v := float32(r.NormFloat64())
		h := Float32ToBFloat16(v)
		if dtype == F16 {
			h = Float32ToFloat16(v)
		}
		data = binary.LittleEndian.AppendUint16(data, h)
	}
	header := fmt.Sprintf(`{"w":{"dtype":%q,"shape":[%d],"data_offsets":[0,%d]}}`, dtype, n, 2*n)
	f, err := Parse("bench", build(header, data))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(2 * n)
	for b.Loop() {
		if _, err := f.Float32("w"); err != nil {
			b.Fatal(err)
		}
	}
}
