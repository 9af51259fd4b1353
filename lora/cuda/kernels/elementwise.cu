// Elementwise helpers for the LoRA path and for mixed precision. The LoRA
// path y += scale·(x·Aᵀ)·Bᵀ is two cuBLAS products; between them the rank-r
// activation h = x·Aᵀ is scaled in place (scale_inplace), as lora's CPU
// path scales h, and the backward pass scales g = dy·B the same way.

extern "C" __global__ void scale_inplace(float* x, float s, long long n) {
    for (long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x; i < n; i += (long long)gridDim.x * blockDim.x) x[i] *= s;
}

// add_scaled: y += s·x.
extern "C" __global__ void add_scaled(float* y, const float* x, float s, long long n) {
    for (long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x; i < n; i += (long long)gridDim.x * blockDim.x) y[i] += s * x[i];
}

extern "C" __global__ void f32_to_bf16_kernel(bf16_t* out, const float* x, long long n) {
    for (long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x; i < n; i += (long long)gridDim.x * blockDim.x) out[i] = f32_to_bf16(x[i]);
}

extern "C" __global__ void bf16_to_f32_kernel(float* out, const bf16_t* x, long long n) {
    for (long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x; i < n; i += (long long)gridDim.x * blockDim.x) out[i] = bf16_to_f32(x[i]);
}

// sumsq_partial writes, per block, the sum of squares of its grid-stride
// share of x in float64 (the host adds the partials in order): the global
// gradient norm for clipping.
extern "C" __global__ void sumsq_partial(double* partial, const float* x, long long n) {
    __shared__ double sh[1024];
    double s = 0.0;
    for (long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x; i < n; i += (long long)gridDim.x * blockDim.x) s += (double)x[i] * (double)x[i];
    sh[threadIdx.x] = s;
    __syncthreads();
    for (int o = blockDim.x / 2; o > 0; o >>= 1) {
        if ((int)threadIdx.x < o) sh[threadIdx.x] += sh[threadIdx.x + o];
        __syncthreads();
    }
    if (threadIdx.x == 0) partial[blockIdx.x] = sh[0];
}
