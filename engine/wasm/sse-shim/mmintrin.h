/* Empty on purpose. Eigen's SSE path includes <mmintrin.h> (MMX), which Emscripten lacks;
 * Eigen uses no MMX intrinsic, and Emscripten translates its SSE/SSE2 ones to WASM SIMD.
 * This folder is first on the include path of the WASM build only. */
