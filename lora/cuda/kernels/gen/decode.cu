// Decoding with a KV cache, one new token per sequence per step: the
// generation program, compiled separately from the training kernels (on
// first use), so that generation can never keep training from running.
//
// The cache of a layer is kc and vc, [B][maxLen][nKV·hd] floats; sequence
// b's new token is at position pos[b], and the step attends to positions
// 0..pos[b] of its own cache. q and out are [B][nH·hd], as the training
// kernels lay out one row per sequence.

#define DEC_THREADS 128
#define DEC_MAXLEN 4096

// gen_kv_append writes each sequence's new k and v rows ([B][kvd]) into
// the cache at its position. Grid B, DEC_THREADS threads.
extern "C" __global__ void gen_kv_append(float* kc, float* vc, const float* k, const float* v, const int* pos, int maxLen, int kvd) {
    int b = blockIdx.x;
    long long dst = ((long long)b * maxLen + pos[b]) * kvd;
    for (int i = threadIdx.x; i < kvd; i += blockDim.x) {
        kc[dst + i] = k[(long long)b * kvd + i];
        vc[dst + i] = v[(long long)b * kvd + i];
    }
}

// gen_attn_decode is causal grouped-query attention of one query row per
// sequence against its cache: scores scaled by scale, a stable softmax,
// the weighted sum of values. Head h reads kv head h/(nH/nKV). Grid
// (nH, B), DEC_THREADS threads; positions up to DEC_MAXLEN (the host
// checks).
extern "C" __global__ void gen_attn_decode(float* out, const float* q, const float* kc, const float* vc, const int* pos,
                                           int maxLen, int nH, int nKV, int hd, float scale) {
    __shared__ float qs[128];
    __shared__ float sc[DEC_MAXLEN];
    __shared__ float sh[32];
    int h = blockIdx.x, b = blockIdx.y;
    int g = h / (nH / nKV);
    int kvd = nKV * hd;
    const float* qr = q + (long long)b * nH * hd + h * hd;
    for (int d = threadIdx.x; d < hd; d += blockDim.x) qs[d] = qr[d];
    __syncthreads();
    int L = pos[b] + 1;
    const float* kb = kc + (long long)b * maxLen * kvd + g * hd;
    const float* vb = vc + (long long)b * maxLen * kvd + g * hd;
    float m = NEG_INF;
    for (int j = threadIdx.x; j < L; j += blockDim.x) {
        const float* kr = kb + (long long)j * kvd;
        float s = 0.f;
        for (int d = 0; d < hd; d++) s += qs[d] * kr[d];
        s *= scale;
        sc[j] = s;
        m = fmaxf(m, s);
    }
    m = block_max(m, sh);
    float sum = 0.f;
    for (int j = threadIdx.x; j < L; j += blockDim.x) {
        float p = expf(sc[j] - m);
        sc[j] = p;
        sum += p;
    }
    sum = block_sum(sum, sh);
    __syncthreads();
    float* o = out + (long long)b * nH * hd + h * hd;
    for (int d = threadIdx.x; d < hd; d += blockDim.x) {
        float acc = 0.f;
        for (int j = 0; j < L; j++) acc += sc[j] * vb[(long long)j * kvd + d];
        o[d] = acc / sum;
    }
}
