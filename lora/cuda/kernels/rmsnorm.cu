// RMSNorm, as lora/ops.RMSNorm: out = (x·r)·w, r = 1/sqrt(mean(x²)+eps).
// One block per row. rinv (optional) keeps r for the backward pass.
extern "C" __global__ void rmsnorm_fwd(float* out, float* rinv, const float* x, const float* w, int d, float eps) {
    __shared__ float sh[32];
    const float* xr = x + (long long)blockIdx.x * d;
    float* yr = out + (long long)blockIdx.x * d;
    float ss = 0.f;
    for (int i = threadIdx.x; i < d; i += blockDim.x) ss += xr[i] * xr[i];
    ss = block_sum(ss, sh);
    float r = 1.f / sqrtf(ss / (float)d + eps);
    if (rinv != 0 && threadIdx.x == 0) rinv[blockIdx.x] = r;
    for (int i = threadIdx.x; i < d; i += blockDim.x) yr[i] = (xr[i] * r) * w[i];
}

// rmsnorm_fwd_bf16 is rmsnorm_fwd writing bf16, the input of a bf16 matmul.
extern "C" __global__ void rmsnorm_fwd_bf16(bf16_t* out, float* rinv, const float* x, const float* w, int d, float eps) {
    __shared__ float sh[32];
    const float* xr = x + (long long)blockIdx.x * d;
    bf16_t* yr = out + (long long)blockIdx.x * d;
    float ss = 0.f;
    for (int i = threadIdx.x; i < d; i += blockDim.x) ss += xr[i] * xr[i];
    ss = block_sum(ss, sh);
    float r = 1.f / sqrtf(ss / (float)d + eps);
    if (rinv != 0 && threadIdx.x == 0) rinv[blockIdx.x] = r;
    for (int i = threadIdx.x; i < d; i += blockDim.x) yr[i] = f32_to_bf16((xr[i] * r) * w[i]);
}

// rmsnorm_bwd overwrites dx with the input gradient, one block per row:
// dx_i = r·w_i·dy_i − x_i·r³/d·Σ_j dy_j·w_j·x_j.
extern "C" __global__ void rmsnorm_bwd(float* dx, const float* dy, const float* x, const float* w, const float* rinv, int d) {
    __shared__ float sh[32];
    long long off = (long long)blockIdx.x * d;
    const float *xr = x + off, *dyr = dy + off;
    float* dxr = dx + off;
    float r = rinv[blockIdx.x];
    float dot = 0.f;
    for (int i = threadIdx.x; i < d; i += blockDim.x) dot += dyr[i] * w[i] * xr[i];
    dot = block_sum(dot, sh);
    float coef = r * r * r * dot / (float)d;
    for (int i = threadIdx.x; i < d; i += blockDim.x) dxr[i] = r * w[i] * dyr[i] - xr[i] * coef;
}

// rmsnorm_bwd_dw adds the weight gradient Σ_rows dy·x·r to dw, one thread
// per column summing rows in order, so the result does not depend on the
// launch shape.
extern "C" __global__ void rmsnorm_bwd_dw(float* dw, const float* dy, const float* x, const float* rinv, int n, int d) {
    int j = blockIdx.x * blockDim.x + threadIdx.x;
    if (j >= d) return;
    float acc = 0.f;
    for (int i = 0; i < n; i++) acc += dy[(long long)i * d + j] * x[(long long)i * d + j] * rinv[i];
    dw[j] += acc;
}
