// Log-softmax and log-probability gathering over a vocabulary, one block
// per row of logits ([rows][V]): lse = log Σ e^x, and for a row whose
// target is not negative logp = x[target] − lse (0 for ignored rows). A
// sequence's log-probability is the sum of its rows' logp (the host sums
// them in order, in float64, as lora's CPU path does).
extern "C" __global__ void logprob_fwd(float* logp, float* lse, const float* logits, const int* targets, int V) {
    __shared__ float sh[32];
    const float* x = logits + (long long)blockIdx.x * V;
    float m = NEG_INF;
    for (int j = threadIdx.x; j < V; j += blockDim.x) m = fmaxf(m, x[j]);
    m = block_max(m, sh);
    float s = 0.f;
    for (int j = threadIdx.x; j < V; j += blockDim.x) s += expf(x[j] - m);
    s = block_sum(s, sh);
    if (threadIdx.x == 0) {
        float l = m + logf(s);
        lse[blockIdx.x] = l;
        int t = targets[blockIdx.x];
        logp[blockIdx.x] = t >= 0 ? x[t] - l : 0.f;
    }
}

// logprob_bwd writes scale[row]·(softmax − onehot(target)) into dlogits
// (zero rows for ignored targets), the gradient lora's CPU path gets from
// ops.CrossEntropy with a per-sequence scale. dlogits may be logits.
extern "C" __global__ void logprob_bwd(float* dlogits, const float* logits, const int* targets, const float* lse, const float* scale, int V) {
    long long off = (long long)blockIdx.x * V;
    int t = targets[blockIdx.x];
    float g = scale[blockIdx.x], l = lse[blockIdx.x];
    for (int j = threadIdx.x; j < V; j += blockDim.x) {
        float v = 0.f;
        if (t >= 0) {
            v = g * expf(logits[off + j] - l);
            if (j == t) v -= g;
        }
        dlogits[off + j] = v;
    }
}
