// AdamW, element for element the rule of lora's update (adamw.go), with the
// host computing the same folded constants: gs (clip scale), step = lr/c1,
// root = 1/sqrt(c2), eps and wd = lr·decay. The _rn intrinsics forbid
// fused multiply-adds so each operation rounds as the CPU's does.
extern "C" __global__ void adamw(float* w, const float* g, float* m, float* v, long long n,
                                 float b1, float b2, float gs, float step, float root, float eps, float wd) {
    float c1 = 1.f - b1, c2 = 1.f - b2;
    for (long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x; i < n; i += (long long)gridDim.x * blockDim.x) {
        float gi = __fmul_rn(g[i], gs);
        float mi = __fadd_rn(__fmul_rn(b1, m[i]), __fmul_rn(c1, gi));
        float vi = __fadd_rn(__fmul_rn(b2, v[i]), __fmul_rn(__fmul_rn(c2, gi), gi));
        m[i] = mi;
        v[i] = vi;
        float den = __fadd_rn(__fmul_rn(__fsqrt_rn(vi), root), eps);
        float upd = __fadd_rn(__fdiv_rn(__fmul_rn(step, mi), den), __fmul_rn(wd, w[i]));
        w[i] = __fsub_rn(w[i], upd);
    }
}
