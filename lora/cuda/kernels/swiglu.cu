// SwiGLU, as lora/ops.SwiGLU: out = silu(gate)·up.
extern "C" __global__ void swiglu_fwd(float* out, const float* gate, const float* up, long long n) {
    for (long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x; i < n; i += (long long)gridDim.x * blockDim.x) {
        float g = gate[i];
        float s = 1.f / (1.f + expf(-g));
        out[i] = g * s * up[i];
    }
}

// swiglu_bwd: dgate = dout·up·s·(1 + gate·(1−s)), dup = dout·gate·s.
extern "C" __global__ void swiglu_bwd(float* dgate, float* dup, const float* dout, const float* gate, const float* up, long long n) {
    for (long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x; i < n; i += (long long)gridDim.x * blockDim.x) {
        float g = gate[i], u = up[i], d = dout[i];
        float s = 1.f / (1.f + expf(-g));
        dgate[i] = d * u * s * (1.f + g * (1.f - s));
        dup[i] = d * g * s;
    }
}
