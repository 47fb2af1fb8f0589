/**
 * Quantized execution on the KPU: int8 and int4 weights with per-group fp16 scales, the weight-only
 * and integer matmul paths, and the bytes a weight tile costs to move per format. See
 * docs/kpu-vector.md.
 */
package dev.lockstep.kpu.quant;
