// NF4 dequantisation in lora's (and bitsandbytes') layout: values in
// blocks of 64 sharing a float32 absmax; two 4-bit code indices per byte,
// the first value of the pair in the HIGH nibble. Under double
// quantisation (qabsmax != 0) a block's absmax is
// dyn[qabsmax[b]]·absmax2[b/256] + offset, dyn being bitsandbytes' signed
// dynamic map (uploaded from the CPU's table). Each value is code·absmax,
// one float32 multiply, exactly as the CPU computes it; __fmul_rn and
// __fadd_rn keep the compiler from fusing them, so the bits match.
//
// The output feeds a matmul: dequantising a layer's weight into a scratch
// buffer just before its GEMM (rather than keeping a float copy) is how
// the QLoRA base stays 4-bit in memory.

__constant__ float nf4_code[16] = {
    -1.0f, -0.6961928009986877f, -0.5250730514526367f, -0.39491748809814453f,
    -0.28444138169288635f, -0.18477343022823334f, -0.09105003625154495f, 0.0f,
    0.07958029955625534f, 0.16093020141124725f, 0.24611230194568634f, 0.33791524171829224f,
    0.44070982933044434f, 0.5626170039176941f, 0.7229568362236023f, 1.0f,
};

__device__ __forceinline__ float nf4_absmax(long long b, const float* absmax, const u8* qabsmax, const float* absmax2, const float* dyn, float offset) {
    if (qabsmax == 0) return absmax[b];
    return __fadd_rn(__fmul_rn(dyn[qabsmax[b]], absmax2[b / 256]), offset);
}

// One thread per byte (two values); n is the number of values.
extern "C" __global__ void nf4_dequant(float* out, const u8* data, const float* absmax, const u8* qabsmax, const float* absmax2, const float* dyn, float offset, long long n) {
    long long nbytes = (n + 1) / 2;
    for (long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x; i < nbytes; i += (long long)gridDim.x * blockDim.x) {
        long long e = 2 * i;
        float a = nf4_absmax(e / 64, absmax, qabsmax, absmax2, dyn, offset);
        u8 c = data[i];
        out[e] = __fmul_rn(nf4_code[c >> 4], a);
        if (e + 1 < n) out[e + 1] = __fmul_rn(nf4_code[c & 15], a);
    }
}

// nf4_dequant_bf16 is nf4_dequant writing bf16 for a bf16 matmul.
extern "C" __global__ void nf4_dequant_bf16(bf16_t* out, const u8* data, const float* absmax, const u8* qabsmax, const float* absmax2, const float* dyn, float offset, long long n) {
    long long nbytes = (n + 1) / 2;
    for (long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x; i < nbytes; i += (long long)gridDim.x * blockDim.x) {
        long long e = 2 * i;
        float a = nf4_absmax(e / 64, absmax, qabsmax, absmax2, dyn, offset);
        u8 c = data[i];
        out[e] = f32_to_bf16(__fmul_rn(nf4_code[c >> 4], a));
        if (e + 1 < n) out[e + 1] = f32_to_bf16(__fmul_rn(nf4_code[c & 15], a));
    }
}
