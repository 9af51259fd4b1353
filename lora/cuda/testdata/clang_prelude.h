// A stand-in for what NVRTC provides built in, so that clang can check the
// kernels' syntax without a CUDA installation (-nocudainc): the execution
// space attributes, the thread index variables and declarations of the
// device functions the kernels call. Only declarations: nothing is linked.
#define __global__ __attribute__((global))
#define __device__ __attribute__((device))
#define __host__ __attribute__((host))
#define __shared__ __attribute__((shared))
#define __constant__ __attribute__((constant))
#define __forceinline__ __inline__ __attribute__((always_inline))
#include <__clang_cuda_builtin_vars.h>

extern "C" __device__ float expf(float);
extern "C" __device__ float logf(float);
extern "C" __device__ float sqrtf(float);
extern "C" __device__ float fmaxf(float, float);
__device__ int min(int, int);
__device__ float __int_as_float(int);
__device__ float __uint_as_float(unsigned int);
__device__ unsigned int __float_as_uint(float);
__device__ float __fmul_rn(float, float);
__device__ float __fadd_rn(float, float);
__device__ float __fsub_rn(float, float);
__device__ float __fdiv_rn(float, float);
__device__ float __fsqrt_rn(float);
__device__ float __shfl_xor_sync(unsigned int, float, int);
