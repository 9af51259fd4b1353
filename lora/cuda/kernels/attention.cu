// Causal grouped-query attention in the flash-attention style: scores are
// computed tile by tile in shared memory with an online softmax, and only
// the per-row log-sum-exp is kept for the backward pass, never the T×T
// probabilities. Layouts follow lora: q and out are [B·T][nH·hd], k and v
// [B·T][nKV·hd]; head h reads kv head h/(nH/nKV); lse is [B][nH][T].
// Query row t sees keys 0..t; scores are scaled by 1/sqrt(hd).
//
// Tiles are ATT_BR query rows by ATT_BC keys; head dimensions up to
// ATT_HD are supported (the host checks). Each block runs 128 threads, and
// each thread keeps its share of a tile's accumulator in registers
// (ATT_BR·ATT_HD/128 = 16 values).

#define ATT_BR 16
#define ATT_BC 16
#define ATT_HD 128
#define ATT_THREADS 128
#define ATT_PER (ATT_BR * ATT_HD / ATT_THREADS)

__device__ __forceinline__ void att_load(float (*dst)[ATT_HD], const float* src, int row0, int T, int ld, int hd) {
    for (int idx = threadIdx.x; idx < ATT_BR * hd; idx += ATT_THREADS) {
        int i = idx / hd, d = idx % hd;
        dst[i][d] = row0 + i < T ? src[(long long)(row0 + i) * ld + d] : 0.f;
    }
}

// attn_fwd: grid (ceil(T/ATT_BR), nH, B), ATT_THREADS threads.
extern "C" __global__ void attn_fwd(float* out, float* lse, const float* q, const float* k, const float* v,
                                    int T, int nH, int nKV, int hd, float scale) {
    __shared__ float Qs[ATT_BR][ATT_HD], Ks[ATT_BC][ATT_HD], Vs[ATT_BC][ATT_HD];
    __shared__ float S[ATT_BR][ATT_BC], mrow[ATT_BR], lrow[ATT_BR], alpha[ATT_BR];
    int q0 = blockIdx.x * ATT_BR, h = blockIdx.y, b = blockIdx.z;
    int g = h / (nH / nKV);
    int qd = nH * hd, kvd = nKV * hd;
    const float* qb = q + (long long)b * T * qd + h * hd;
    const float* kb = k + (long long)b * T * kvd + g * hd;
    const float* vb = v + (long long)b * T * kvd + g * hd;
    att_load(Qs, qb, q0, T, qd, hd);
    if (threadIdx.x < ATT_BR) {
        mrow[threadIdx.x] = NEG_INF;
        lrow[threadIdx.x] = 0.f;
    }
    float acc[ATT_PER];
#pragma unroll
    for (int r = 0; r < ATT_PER; r++) acc[r] = 0.f;
    int last = min(T, q0 + ATT_BR) - 1;
    for (int k0 = 0; k0 <= last; k0 += ATT_BC) {
        __syncthreads();
        att_load(Ks, kb, k0, T, kvd, hd);
        att_load(Vs, vb, k0, T, kvd, hd);
        __syncthreads();
        for (int idx = threadIdx.x; idx < ATT_BR * ATT_BC; idx += ATT_THREADS) {
            int i = idx / ATT_BC, j = idx % ATT_BC;
            float s = NEG_INF;
            if (k0 + j <= q0 + i && q0 + i < T) {
                s = 0.f;
                for (int d = 0; d < hd; d++) s += Qs[i][d] * Ks[j][d];
                s *= scale;
            }
            S[i][j] = s;
        }
        __syncthreads();
        if (threadIdx.x < ATT_BR) {
            int i = threadIdx.x;
            float mo = mrow[i], mn = mo;
            for (int j = 0; j < ATT_BC; j++) mn = fmaxf(mn, S[i][j]);
            float sum = 0.f;
            for (int j = 0; j < ATT_BC; j++) {
                float p = S[i][j] == NEG_INF ? 0.f : expf(S[i][j] - mn);
                S[i][j] = p;
                sum += p;
            }
            float a = mo == NEG_INF ? 0.f : expf(mo - mn);
            alpha[i] = a;
            lrow[i] = lrow[i] * a + sum;
            mrow[i] = mn;
        }
        __syncthreads();
#pragma unroll
        for (int r = 0; r < ATT_PER; r++) {
            int idx = threadIdx.x + r * ATT_THREADS;
            int i = idx / ATT_HD, d = idx % ATT_HD;
            if (d < hd) {
                float o = acc[r] * alpha[i];
                for (int j = 0; j < ATT_BC; j++) o += S[i][j] * Vs[j][d];
                acc[r] = o;
            }
        }
    }
    __syncthreads();
    float* ob = out + (long long)b * T * qd + h * hd;
#pragma unroll
    for (int r = 0; r < ATT_PER; r++) {
        int idx = threadIdx.x + r * ATT_THREADS;
        int i = idx / ATT_HD, d = idx % ATT_HD;
        if (d < hd && q0 + i < T) ob[(long long)(q0 + i) * qd + d] = acc[r] / lrow[i];
    }
    if (threadIdx.x < ATT_BR && q0 + (int)threadIdx.x < T) {
        int i = threadIdx.x;
        lse[((long long)b * nH + h) * T + q0 + i] = mrow[i] + logf(lrow[i]);
    }
}

// attn_bwd_dot: D[b][h][t] = Σ_d dout·out, one warp per (row, head);
// grid covers B·T·nH warps, 4 warps a block.
extern "C" __global__ void attn_bwd_dot(float* D, const float* out, const float* dout, int B, int T, int nH, int hd) {
    long long wid = ((long long)blockIdx.x * blockDim.x + threadIdx.x) >> 5;
    int lane = threadIdx.x & 31;
    if (wid >= (long long)B * T * nH) return;
    int h = wid % nH;
    long long row = wid / nH; // b·T + t
    const float* o = out + row * nH * hd + h * hd;
    const float* d = dout + row * nH * hd + h * hd;
    float s = 0.f;
    for (int i = lane; i < hd; i += 32) s += o[i] * d[i];
    s = warp_sum(s);
    if (lane == 0) {
        long long b = row / T, t = row % T;
        D[(b * nH + h) * T + t] = s;
    }
}

// attn_bwd_dq overwrites dq: dq_i = scale·Σ_j P_ij(dP_ij − D_i)·k_j with
// P recomputed from lse and dP = dout·vᵀ. Grid (ceil(T/ATT_BR), nH, B).
extern "C" __global__ void attn_bwd_dq(float* dq, const float* q, const float* k, const float* v, const float* dout,
                                       const float* lse, const float* D, int T, int nH, int nKV, int hd, float scale) {
    __shared__ float Qs[ATT_BR][ATT_HD], dOs[ATT_BR][ATT_HD], Ks[ATT_BC][ATT_HD], Vs[ATT_BC][ATT_HD];
    __shared__ float dS[ATT_BR][ATT_BC], Li[ATT_BR], Di[ATT_BR];
    int q0 = blockIdx.x * ATT_BR, h = blockIdx.y, b = blockIdx.z;
    int g = h / (nH / nKV);
    int qd = nH * hd, kvd = nKV * hd;
    long long qoff = (long long)b * T * qd + h * hd;
    const float* kb = k + (long long)b * T * kvd + g * hd;
    const float* vb = v + (long long)b * T * kvd + g * hd;
    att_load(Qs, q + qoff, q0, T, qd, hd);
    att_load(dOs, dout + qoff, q0, T, qd, hd);
    if (threadIdx.x < ATT_BR) {
        int t = min(q0 + (int)threadIdx.x, T - 1);
        Li[threadIdx.x] = lse[((long long)b * nH + h) * T + t];
        Di[threadIdx.x] = D[((long long)b * nH + h) * T + t];
    }
    float acc[ATT_PER];
#pragma unroll
    for (int r = 0; r < ATT_PER; r++) acc[r] = 0.f;
    int last = min(T, q0 + ATT_BR) - 1;
    for (int k0 = 0; k0 <= last; k0 += ATT_BC) {
        __syncthreads();
        att_load(Ks, kb, k0, T, kvd, hd);
        att_load(Vs, vb, k0, T, kvd, hd);
        __syncthreads();
        for (int idx = threadIdx.x; idx < ATT_BR * ATT_BC; idx += ATT_THREADS) {
            int i = idx / ATT_BC, j = idx % ATT_BC;
            float ds = 0.f;
            if (k0 + j <= q0 + i && q0 + i < T) {
                float s = 0.f, dp = 0.f;
                for (int d = 0; d < hd; d++) {
                    s += Qs[i][d] * Ks[j][d];
                    dp += dOs[i][d] * Vs[j][d];
                }
                float p = expf(s * scale - Li[i]);
                ds = p * (dp - Di[i]) * scale;
            }
            dS[i][j] = ds;
        }
        __syncthreads();
#pragma unroll
        for (int r = 0; r < ATT_PER; r++) {
            int idx = threadIdx.x + r * ATT_THREADS;
            int i = idx / ATT_HD, d = idx % ATT_HD;
            if (d < hd) {
                float a = acc[r];
                for (int j = 0; j < ATT_BC; j++) a += dS[i][j] * Ks[j][d];
                acc[r] = a;
            }
        }
    }
#pragma unroll
    for (int r = 0; r < ATT_PER; r++) {
        int idx = threadIdx.x + r * ATT_THREADS;
        int i = idx / ATT_HD, d = idx % ATT_HD;
        if (d < hd && q0 + i < T) dq[qoff + (long long)(q0 + i) * qd + d] = acc[r];
    }
}

// attn_bwd_dkdv overwrites dk and dv for one tile of keys of one kv head,
// summing over the query heads that share it in head order and over the
// query rows at or after each key: dv_j = Σ P_ij·dout_i, dk_j = Σ dS_ij·q_i.
// No atomics, so the result does not depend on scheduling. Grid
// (ceil(T/ATT_BC), nKV, B).
extern "C" __global__ void attn_bwd_dkdv(float* dk, float* dv, const float* q, const float* k, const float* v, const float* dout,
                                         const float* lse, const float* D, int T, int nH, int nKV, int hd, float scale) {
    __shared__ float Ks[ATT_BC][ATT_HD], Vs[ATT_BC][ATT_HD], Qs[ATT_BR][ATT_HD], dOs[ATT_BR][ATT_HD];
    __shared__ float P[ATT_BR][ATT_BC], dS[ATT_BR][ATT_BC], Li[ATT_BR], Di[ATT_BR];
    int k0 = blockIdx.x * ATT_BC, g = blockIdx.y, b = blockIdx.z;
    int G = nH / nKV;
    int qd = nH * hd, kvd = nKV * hd;
    long long kvoff = (long long)b * T * kvd + g * hd;
    att_load(Ks, k + kvoff, k0, T, kvd, hd);
    att_load(Vs, v + kvoff, k0, T, kvd, hd);
    float accK[ATT_PER], accV[ATT_PER];
#pragma unroll
    for (int r = 0; r < ATT_PER; r++) {
        accK[r] = 0.f;
        accV[r] = 0.f;
    }
    for (int h = g * G; h < (g + 1) * G; h++) {
        long long qoff = (long long)b * T * qd + h * hd;
        for (int q0 = (k0 / ATT_BR) * ATT_BR; q0 < T; q0 += ATT_BR) {
            __syncthreads();
            att_load(Qs, q + qoff, q0, T, qd, hd);
            att_load(dOs, dout + qoff, q0, T, qd, hd);
            if (threadIdx.x < ATT_BR) {
                int t = min(q0 + (int)threadIdx.x, T - 1);
                Li[threadIdx.x] = lse[((long long)b * nH + h) * T + t];
                Di[threadIdx.x] = D[((long long)b * nH + h) * T + t];
            }
            __syncthreads();
            for (int idx = threadIdx.x; idx < ATT_BR * ATT_BC; idx += ATT_THREADS) {
                int i = idx / ATT_BC, j = idx % ATT_BC;
                float p = 0.f, ds = 0.f;
                if (k0 + j <= q0 + i && q0 + i < T && k0 + j < T) {
                    float s = 0.f, dp = 0.f;
                    for (int d = 0; d < hd; d++) {
                        s += Qs[i][d] * Ks[j][d];
                        dp += dOs[i][d] * Vs[j][d];
                    }
                    p = expf(s * scale - Li[i]);
                    ds = p * (dp - Di[i]) * scale;
                }
                P[i][j] = p;
                dS[i][j] = ds;
            }
            __syncthreads();
#pragma unroll
            for (int r = 0; r < ATT_PER; r++) {
                int idx = threadIdx.x + r * ATT_THREADS;
                int j = idx / ATT_HD, d = idx % ATT_HD;
                if (d < hd) {
                    float ak = accK[r], av = accV[r];
                    for (int i = 0; i < ATT_BR; i++) {
                        ak += dS[i][j] * Qs[i][d];
                        av += P[i][j] * dOs[i][d];
                    }
                    accK[r] = ak;
                    accV[r] = av;
                }
            }
        }
    }
#pragma unroll
    for (int r = 0; r < ATT_PER; r++) {
        int idx = threadIdx.x + r * ATT_THREADS;
        int j = idx / ATT_HD, d = idx % ATT_HD;
        if (d < hd && k0 + j < T) {
            dk[kvoff + (long long)(k0 + j) * kvd + d] = accK[r];
            dv[kvoff + (long long)(k0 + j) * kvd + d] = accV[r];
        }
    }
}
