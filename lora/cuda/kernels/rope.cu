// Rotary embeddings in Hugging Face's rotate_half convention, as
// lora/ops.RoPE: within each head, element i pairs with i+hd/2. cos and sin
// are the CPU's tables ([max positions][hd/2], float32), uploaded once, so
// both sides rotate by the same numbers. inverse applies the transpose (the
// backward pass). x is [rows][nHeads·hd]; one block per row.
extern "C" __global__ void rope(float* x, const int* pos, const float* cs, const float* sn, int nHeads, int hd, int inverse) {
    int half = hd / 2;
    float* row = x + (long long)blockIdx.x * nHeads * hd;
    const float* c = cs + (long long)pos[blockIdx.x] * half;
    const float* s = sn + (long long)pos[blockIdx.x] * half;
    for (int k = threadIdx.x; k < nHeads * half; k += blockDim.x) {
        int h = k / half, i = k % half;
        float* a = row + h * hd + i;
        float* b = a + half;
        float x1 = *a, x2 = *b, ci = c[i], si = s[i];
        if (inverse) {
            *a = x1 * ci + x2 * si;
            *b = x2 * ci - x1 * si;
        } else {
            *a = x1 * ci - x2 * si;
            *b = x2 * ci + x1 * si;
        }
    }
}
